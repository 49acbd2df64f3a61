// The optimizer configs as zod schemas, from the registry's entries (each defined beside its
// transform): the documentation (`.describe`), the validation and the error messages of every
// config. `chain` and `masked` nest configs, so the union is recursive; its TypeScript types
// are written out below because inference cannot see through the cycle.
import { z } from 'zod';
import { scaleByAdamEntry } from './adam.js';
import { clipByGlobalNormEntry } from './clip.js';
import { addDecayedWeightsEntry } from './decay.js';
import { grokfastEmaEntry } from './grokfast.js';
import { identityEntry } from './identity.js';
import { addL1SubgradientEntry, softThresholdEntry } from './l1.js';
import { addL2PenaltyEntry } from './l2.js';
import { traceMomentumEntry } from './momentum.js';
import { normConstraintEntry } from './norm-constraint.js';
import { addNuclearSubgradientEntry, singularValueThresholdEntry } from './nuclear.js';
import { adamEntry, adamwEntry, sgdEntry } from './optimizers.js';
import { scaleByLearningRateEntry, scaleEntry } from './scale.js';
import { strictObject, unknownTag } from './zod-helpers.js';

/**
 * Every transform without nested configs, by name: the optimizers first, then the transforms,
 * the order an unknown name's error lists them in. A new transform is its file (with its
 * entry), its test and one line here.
 */
export const leafEntries = {
  sgd: sgdEntry,
  adam: adamEntry,
  adamw: adamwEntry,
  identity: identityEntry,
  scale: scaleEntry,
  scaleByLearningRate: scaleByLearningRateEntry,
  scaleByAdam: scaleByAdamEntry,
  addDecayedWeights: addDecayedWeightsEntry,
  traceMomentum: traceMomentumEntry,
  clipByGlobalNorm: clipByGlobalNormEntry,
  grokfastEma: grokfastEmaEntry,
  addL1Subgradient: addL1SubgradientEntry,
  addL2Penalty: addL2PenaltyEntry,
  addNuclearSubgradient: addNuclearSubgradientEntry,
  softThreshold: softThresholdEntry,
  singularValueThreshold: singularValueThresholdEntry,
  normConstraint: normConstraintEntry,
};

/** The leaf entries' schemas by name. */
export const leafSchemas = Object.fromEntries(Object.entries(leafEntries).map(([name, e]) => [name, e.schema])) as {
  [N in keyof typeof leafEntries]: (typeof leafEntries)[N]['schema'];
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
      ctx.addIssue({
        code: 'custom',
        path: ['transforms', at],
        message: `normConstraint must be the last transform of the chain (found at ${at} of ${c.transforms.length})`,
      });
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
export const optimizerConfigSchema: ConfigSchema = z.discriminatedUnion('name', [sgd, adam, adamw, chainSchema, maskedSchema, ...Object.values(transforms)], {
  error: unknownTag,
});
