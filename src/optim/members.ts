// The optimizer of an ensemble (members stacked along a leading axis of every array) as ONE
// transform: the members' configs must agree in everything but their hyper-parameters — the
// config fields declared with hyperSchema (lr, β, τ, weight decay, …) — which become one value
// per member. An α × β grid then updates [E, n] in one pass per transform instead of running E
// optimizers.
import { isHyperSchema, type MemberHyperConfig } from './schedule-config.js';
import { leafSchemas, type OptimizerConfig } from './schemas.js';

type Node = Record<string, unknown>;

const isLeaf = (name: string): name is keyof typeof leafSchemas => name in leafSchemas;

/** The hyper-parameter fields of a transform, from its schema. */
function hyperFields(name: string): ReadonlySet<string> {
  if (!isLeaf(name)) return new Set();
  const shape = leafSchemas[name].shape as Record<string, Parameters<typeof isHyperSchema>[0]>;
  return new Set(Object.keys(shape).filter((field) => isHyperSchema(shape[field])));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function merge(nodes: Node[], path: string): Node {
  const [first] = nodes;
  const hypers = hyperFields(String(first.name));
  const out: Node = {};
  for (const field of Object.keys(first)) {
    const values = nodes.map((n) => n[field]);
    const at = `${path}.${field}`;
    if (hypers.has(field)) {
      out[field] = values.every((v) => same(v, values[0])) ? values[0] : ({ perMember: values } as MemberHyperConfig);
    } else if (field === 'transforms' && Array.isArray(values[0])) {
      const lengths = values.map((v) => (v as unknown[]).length);
      if (lengths.some((l) => l !== lengths[0])) throw new Error(`${at}: ensemble members chain different numbers of transforms (${lengths.join(', ')})`);
      out[field] = (values[0] as Node[]).map((_, i) =>
        merge(
          values.map((v) => (v as Node[])[i]),
          `${at}[${i}]`,
        ),
      );
    } else if (field === 'transform') {
      out[field] = merge(values as Node[], at);
    } else {
      const other = values.findIndex((v) => !same(v, values[0]));
      if (other >= 0)
        throw new Error(
          `${at}: ensemble members may differ only in hyper-parameters; member ${other} has ${JSON.stringify(values[other])}, member 0 ${JSON.stringify(values[0])}`,
        );
      out[field] = values[0];
    }
  }
  return out;
}

/**
 * The members' configs (parsed) as one config whose differing hyper-parameters are
 * {perMember: [...]}; throws, naming the field, if they differ in anything else.
 */
export function mergeMemberConfigs(configs: readonly OptimizerConfig[]): OptimizerConfig {
  if (configs.length === 0) throw new Error('an ensemble needs at least one optimizer config');
  return merge(configs as unknown as Node[], 'optimizer') as unknown as OptimizerConfig;
}

/** A config with every hyper-parameter blanked: configs with equal shapes merge into one ensemble. */
export function optimizerShape(config: OptimizerConfig): unknown {
  const blank = (node: Node): Node => {
    const hypers = hyperFields(String(node.name));
    return Object.fromEntries(
      Object.entries(node).map(([field, v]) => [
        field,
        hypers.has(field) ? '·' : field === 'transforms' && Array.isArray(v) ? (v as Node[]).map(blank) : field === 'transform' ? blank(v as Node) : v,
      ]),
    );
  };
  return blank(config as unknown as Node);
}
