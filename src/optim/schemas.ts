// The optimizer configs as zod schemas: each is the documentation (`.describe`), the validation
// and the error messages of one registry entry. `chain` and `masked` nest configs, so the union
// is recursive; its TypeScript types are written out below because inference cannot see
// through the cycle.
import { z } from 'zod';
import { hyperSchema } from './schedule-config.js';
import { strictObject, unknownTag } from './zod-helpers.js';

const beta1 = z.number().min(0).lt(1).default(0.9).describe('decay of the first-moment average (default 0.9)');
const beta2 = z.number().min(0).lt(1).default(0.999).describe('decay of the second-moment average (default 0.999)');
const eps = z.number().min(0).default(1e-8).describe('added to √v̂ in the denominator (default 1e-8)');

const entry = <N extends string, S extends z.ZodRawShape>(name: N, description: string, shape: S) =>
  strictObject(`optimizer "${name}"`, { name: z.literal(name), ...shape }).describe(description);

/** The entries without nested configs. */
export const leafSchemas = {
  sgd: entry('sgd', 'SGD as torch.optim.SGD: chain(addDecayedWeights, traceMomentum, scaleByLearningRate)', {
    lr: hyperSchema('learning rate'),
    momentum: z.number().min(0).lt(1).default(0).describe('heavy-ball momentum μ (default 0: plain gradient descent)'),
    nesterov: z.boolean().default(false).describe("Nesterov's momentum (default false)"),
    weightDecay: hyperSchema('coupled weight decay, added to the gradient before the momentum as in torch SGD (default 0)').default(0),
  }),
  adam: entry('adam', 'Adam (Kingma & Ba 2015): chain(scaleByAdam, scaleByLearningRate), fused', { lr: hyperSchema('learning rate'), beta1, beta2, eps }),
  adamw: entry('adamw', 'AdamW (Loshchilov & Hutter 2019): chain(scaleByAdam, addDecayedWeights, scaleByLearningRate), fused', {
    lr: hyperSchema('learning rate'),
    beta1,
    beta2,
    eps,
    weightDecay: hyperSchema('decoupled weight decay, multiplied by the learning rate as in torch AdamW'),
  }),
  identity: entry('identity', 'leave the updates unchanged', {}),
  scale: entry('scale', 'multiply the updates by a constant', { factor: z.number().describe('the multiplier') }),
  scaleByLearningRate: entry('scaleByLearningRate', 'multiply by −lr: turns a direction into a descent step', { lr: hyperSchema('learning rate') }),
  scaleByAdam: entry('scaleByAdam', 'the bias-corrected Adam direction m̂/(√v̂ + eps) (Kingma & Ba 2015)', { beta1, beta2, eps }),
  addDecayedWeights: entry('addDecayedWeights', 'u += wd·p: decoupled weight decay (Loshchilov & Hutter 2019); place before scaleByLearningRate', {
    weightDecay: hyperSchema('weight decay wd'),
  }),
  traceMomentum: entry('traceMomentum', 'heavy-ball momentum t ← g + μ·t; u ← t (optax.trace)', {
    decay: z.number().min(0).lt(1).describe('momentum μ'),
    nesterov: z.boolean().default(false).describe("Nesterov's variant u ← g + μ·t (default false)"),
  }),
  clipByGlobalNorm: entry('clipByGlobalNorm', 'rescale the updates to a global norm of at most maxNorm (Pascanu et al. 2013)', {
    maxNorm: z.number().positive().describe('largest allowed global norm'),
  }),
  grokfastEma: entry('grokfastEma', 'Grokfast EMA filter (Lee et al. 2024): ema ← α·ema + (1−α)·g; g ← g + λ·ema; before the optimizer', {
    alpha: z.number().min(0).lt(1).default(0.98).describe('EMA momentum α (default 0.98)'),
    lamb: z.number().default(2).describe('amplification λ (default 2)'),
  }),
  addL1Subgradient: entry('addL1Subgradient', 'u += β·sign(p), the subgradient of β‖p‖₁ (Tikeng Notsawo et al. 2025); place before scaleByLearningRate', {
    beta: hyperSchema('ℓ1 strength β'),
  }),
  addL2Penalty: entry('addL2Penalty', 'u += 2β·p for β‖p‖², or β·p/‖p‖ per parameter for β‖p‖ (squared: false); place before scaleByLearningRate', {
    beta: hyperSchema('ℓ2 strength β'),
    squared: z.boolean().default(true).describe('penalize ‖p‖² (default) or the unsquared ‖p‖ of each parameter'),
  }),
  addNuclearSubgradient: entry('addNuclearSubgradient', 'u += β·U Vᵀ per matrix, the subgradient of β‖W‖_* (Tikeng Notsawo et al. 2025); place before scaleByLearningRate', {
    beta: hyperSchema('nuclear-norm strength β'),
  }),
  softThreshold: entry('softThreshold', 'ℓ1 proximal step, after the descent step: p + u ← sign·max(|p + u| − τ, 0); ISTA uses τ = lr·β', {
    tau: hyperSchema('threshold τ (lr·β for ISTA)'),
  }),
  singularValueThreshold: entry('singularValueThreshold', 'nuclear-norm proximal step, after the descent step: the singular values of p + u shrink by τ (Cai, Candès & Shen 2010)', {
    tau: hyperSchema('threshold τ (lr·β for the proximal gradient method)'),
  }),
  normConstraint: entry('normConstraint', 'last in a chain: rescale all parameters to their initial global norm (Omnigrok, Liu et al. 2023)', {}),
};

type Leaf = typeof leafSchemas;
type LeafName = keyof Leaf;

export type ChainConfig = { name: 'chain'; transforms: OptimizerConfig[] };
export type MaskedConfig = { name: 'masked'; params: 'matrices' | string[]; transform: OptimizerConfig };
/** A parsed config (defaults filled in). */
export type OptimizerConfig = z.output<Leaf[LeafName]> | ChainConfig | MaskedConfig;
/** A config as written (fields with defaults optional). */
export type OptimizerConfigInput =
  | z.input<Leaf[LeafName]>
  | { name: 'chain'; transforms: OptimizerConfigInput[] }
  | { name: 'masked'; params: 'matrices' | string[]; transform: OptimizerConfigInput };
export type OptimizerName = OptimizerConfig['name'];

type ConfigSchema = z.ZodType<OptimizerConfig, OptimizerConfigInput>;

// NOTE: these two spell out `name` instead of using `entry`: spreading a shape would call the
// getters, which must stay lazy until the union below exists.
export const chainSchema = strictObject('optimizer "chain"', {
  name: z.literal('chain'),
  get transforms(): z.ZodArray<ConfigSchema> {
    return z.array(optimizerConfigSchema).min(1).describe('the transforms, the first applied first');
  },
})
  .describe('apply the transforms in order (optax.chain)')
  // NOTE: normConstraint rewrites the update so that p + u lands on the initial norm; any
  // transform after it would move the parameters off that sphere again.
  .superRefine((c, ctx) => {
    const at = c.transforms.findIndex((t) => t.name === 'normConstraint');
    if (at >= 0 && at !== c.transforms.length - 1) {
      ctx.addIssue({ code: 'custom', path: ['transforms', at], message: `normConstraint must be the last transform of the chain (found at ${at} of ${c.transforms.length})` });
    }
  });

export const maskedSchema = strictObject('optimizer "masked"', {
  name: z.literal('masked'),
  params: z
    .union([z.literal('matrices'), z.array(z.string()).min(1)], { error: () => 'expected "matrices" or a non-empty list of parameter names' })
    .describe('parameter names, or "matrices" for every parameter of rank ≥ 2'),
  get transform(): ConfigSchema {
    return optimizerConfigSchema;
  },
}).describe('apply a transform to some parameters only; the others are untouched (optax.masked)');

// The optimizers, then the combinators, then every transform: the order an unknown name's error lists them.
const { sgd, adam, adamw, ...transforms } = leafSchemas;

/** Every optimizer config, a discriminated union on `name` derived from the entries above: embed it in run configs. */
export const optimizerConfigSchema: ConfigSchema = z.discriminatedUnion('name', [sgd, adam, adamw, chainSchema, maskedSchema, ...Object.values(transforms)], { error: unknownTag });
