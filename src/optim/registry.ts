// Optimizers by name: every transform's entry (its zod schema beside its build, in its own file;
// listed in schemas.ts) and the two combinators, which nest configs and build recursively.
import { chain } from './chain.js';
import type { BuildContext, TransformEntry } from './entry.js';
import { masked } from './masked.js';
import { mergeMemberConfigs } from './members.js';
import type { Shapes } from './nuclear.js';
import {
  chainSchema,
  leafEntries,
  maskedSchema,
  optimizerConfigSchema,
  type OptimizerConfig,
  type OptimizerConfigInput,
  type OptimizerName,
} from './schemas.js';
import type { Transform } from './transform.js';
import { formatIssues } from './zod-helpers.js';

export type { BuildContext } from './entry.js';

const build = (config: OptimizerConfig, context: BuildContext): Transform => (optimizerRegistry[config.name] as TransformEntry).build(config as never, context);

function selection(params: 'matrices' | string[], shapes: Shapes): Record<string, boolean> {
  if (params === 'matrices') return Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, shape.length >= 2]));
  const unknown = params.filter((name) => !(name in shapes));
  if (unknown.length > 0)
    throw new Error(`masked: unknown parameter ${unknown.map((n) => JSON.stringify(n)).join(', ')}; parameters: ${Object.keys(shapes).join(', ')}`);
  return Object.fromEntries(params.map((name) => [name, true]));
}

type ChainConfig = Extract<OptimizerConfig, { name: 'chain' }>;
type MaskedConfig = Extract<OptimizerConfig, { name: 'masked' }>;

export const optimizerRegistry: { [N in OptimizerName]: TransformEntry } = {
  ...leafEntries,
  chain: { schema: chainSchema, build: (c: ChainConfig, ctx: BuildContext) => chain(...c.transforms.map((t) => build(t, ctx))) },
  masked: { schema: maskedSchema, build: (c: MaskedConfig, ctx: BuildContext) => masked(build(c.transform, ctx), selection(c.params, ctx.shapes)) },
} as { [N in OptimizerName]: TransformEntry };

/** Validates a config; the error has one `optimizer.path: message` line per problem. */
export function parseOptimizerConfig(input: unknown, root = 'optimizer'): OptimizerConfig {
  const result = optimizerConfigSchema.safeParse(input);
  if (!result.success) throw new Error(`invalid optimizer config:\n${formatIssues(result.error, root)}`);
  return result.data;
}

/** Validates `config` (filling in defaults) and builds its Transform. */
export function buildOptimizer(config: OptimizerConfigInput, context: BuildContext): Transform {
  return build(parseOptimizerConfig(config), context);
}

/**
 * One Transform for an ensemble: arrays hold the members as equal blocks along a leading axis
 * (context.shapes include it) and the members' configs may differ only in hyper-parameters.
 */
export function buildEnsembleOptimizer(configs: readonly OptimizerConfigInput[], context: BuildContext): Transform {
  const parsed = configs.map((c, e) => parseOptimizerConfig(c, configs.length > 1 ? `member ${e}: optimizer` : 'optimizer'));
  return build(mergeMemberConfigs(parsed), { ...context, members: configs.length });
}
