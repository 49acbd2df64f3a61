// Optimizers by name: each entry pairs its zod schema (schemas.ts) with `build`, which turns a
// parsed config into a Transform.
import type { Transform } from './transform.js';
import { chain } from './chain.js';
import { masked } from './masked.js';
import { identity } from './identity.js';
import { scale, scaleByLearningRate } from './scale.js';
import { scaleByAdam } from './adam.js';
import { addDecayedWeights } from './decay.js';
import { traceMomentum } from './momentum.js';
import { clipByGlobalNorm } from './clip.js';
import { grokfastEma } from './grokfast.js';
import { addL1Subgradient, softThreshold } from './l1.js';
import { addL2Penalty } from './l2.js';
import { addNuclearSubgradient, singularValueThreshold, type Shapes } from './nuclear.js';
import { normConstraint } from './norm-constraint.js';
import { adam, adamw, sgd } from './optimizers.js';
import { toHyper } from './schedule-config.js';
import { chainSchema, leafSchemas, maskedSchema, optimizerConfigSchema, type OptimizerConfig, type OptimizerConfigInput, type OptimizerName } from './schemas.js';
import { formatIssues } from './zod-helpers.js';
import { mergeMemberConfigs } from './members.js';

/** What a build needs beyond the config. */
export interface BuildContext {
  /** every parameter's shape by name: the nuclear-norm transforms find the matrices in it */
  shapes: Shapes;
  /** ensemble members along every parameter's leading axis (default 1): global norms are per member */
  members?: number;
}

type ConfigOf<N extends OptimizerName> = Extract<OptimizerConfig, { name: N }>;

export interface RegistryEntry<N extends OptimizerName> {
  schema: (typeof leafSchemas & { chain: typeof chainSchema; masked: typeof maskedSchema })[N];
  build(config: ConfigOf<N>, context: BuildContext): Transform;
}

const build = (config: OptimizerConfig, context: BuildContext): Transform =>
  (optimizerRegistry[config.name] as RegistryEntry<OptimizerName>).build(config as never, context);

function selection(params: 'matrices' | string[], shapes: Shapes): Record<string, boolean> {
  if (params === 'matrices') return Object.fromEntries(Object.entries(shapes).map(([name, shape]) => [name, shape.length >= 2]));
  const unknown = params.filter((name) => !(name in shapes));
  if (unknown.length > 0) throw new Error(`masked: unknown parameter ${unknown.map((n) => JSON.stringify(n)).join(', ')}; parameters: ${Object.keys(shapes).join(', ')}`);
  return Object.fromEntries(params.map((name) => [name, true]));
}

const s = leafSchemas;

export const optimizerRegistry: { [N in OptimizerName]: RegistryEntry<N> } = {
  sgd: { schema: s.sgd, build: (c) => sgd({ lr: toHyper(c.lr), momentum: c.momentum, nesterov: c.nesterov, weightDecay: toHyper(c.weightDecay) }) },
  adam: { schema: s.adam, build: (c) => adam({ ...c, lr: toHyper(c.lr) }) },
  adamw: { schema: s.adamw, build: (c) => adamw({ ...c, lr: toHyper(c.lr), weightDecay: toHyper(c.weightDecay) }) },
  chain: { schema: chainSchema, build: (c, ctx) => chain(...c.transforms.map((t) => build(t, ctx))) },
  masked: { schema: maskedSchema, build: (c, ctx) => masked(build(c.transform, ctx), selection(c.params, ctx.shapes)) },
  identity: { schema: s.identity, build: () => identity() },
  scale: { schema: s.scale, build: (c) => scale(c.factor) },
  scaleByLearningRate: { schema: s.scaleByLearningRate, build: (c) => scaleByLearningRate(toHyper(c.lr)) },
  scaleByAdam: { schema: s.scaleByAdam, build: (c) => scaleByAdam(c) },
  addDecayedWeights: { schema: s.addDecayedWeights, build: (c) => addDecayedWeights(toHyper(c.weightDecay)) },
  traceMomentum: { schema: s.traceMomentum, build: (c) => traceMomentum(c) },
  clipByGlobalNorm: { schema: s.clipByGlobalNorm, build: (c, ctx) => clipByGlobalNorm(c.maxNorm, { members: ctx.members }) },
  grokfastEma: { schema: s.grokfastEma, build: (c) => grokfastEma(c) },
  addL1Subgradient: { schema: s.addL1Subgradient, build: (c) => addL1Subgradient(toHyper(c.beta)) },
  addL2Penalty: { schema: s.addL2Penalty, build: (c) => addL2Penalty(toHyper(c.beta), { squared: c.squared }) },
  addNuclearSubgradient: { schema: s.addNuclearSubgradient, build: (c, ctx) => addNuclearSubgradient(toHyper(c.beta), ctx.shapes) },
  softThreshold: { schema: s.softThreshold, build: (c) => softThreshold(toHyper(c.tau)) },
  singularValueThreshold: { schema: s.singularValueThreshold, build: (c, ctx) => singularValueThreshold(toHyper(c.tau), ctx.shapes) },
  normConstraint: { schema: s.normConstraint, build: (_, ctx) => normConstraint({ members: ctx.members }) },
};

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
