// groklab's optimizers: optax-style gradient transformations, the classic optimizers as chains
// of them, the regularizers and projections of the grokking papers, schedules, and a registry.
export type { Arrays, State, Schedule, Hyper, MemberHyper, Transform } from './transform.js';
export { chain, type ChainState } from './chain.js';
export { masked, type Mask, type MaskedState } from './masked.js';
export { identity } from './identity.js';
export { applyUpdates } from './apply.js';
export { scale, scaleByLearningRate, type CountState } from './scale.js';
export { scaleByAdam, type AdamOptions, type AdamState } from './adam.js';
export { addDecayedWeights } from './decay.js';
export { traceMomentum, type TraceOptions, type TraceState } from './momentum.js';
export { clipByGlobalNorm, type MembersOption } from './clip.js';
export { grokfastEma, type GrokfastOptions, type GrokfastState } from './grokfast.js';
export { addL1Subgradient, softThreshold } from './l1.js';
export { addL2Penalty, type L2Options } from './l2.js';
export { addNuclearSubgradient, singularValueThreshold, type Shapes } from './nuclear.js';
export { normConstraint, type NormConstraintState } from './norm-constraint.js';
export { fusedAdamW, type FusedAdamWOptions } from './fused-adamw.js';
export { sgd, adam, adamw, type SgdOptions, type AdamConfig, type AdamWConfig } from './optimizers.js';
export { memberValues, type MemberValues } from './hyper.js';
export { constant, linearWarmup, cosineDecay, warmupCosine, stepDecay } from './schedules.js';
export { scheduleConfigSchema, hyperSchema, toHyper, type ScheduleConfig, type HyperConfig } from './schedule-config.js';
export { optimizerConfigSchema, type OptimizerConfig, type OptimizerConfigInput, type OptimizerName } from './schemas.js';
export { optimizerRegistry, parseOptimizerConfig, buildOptimizer, buildEnsembleOptimizer, type BuildContext } from './registry.js';
export { transformEntry, type TransformEntry } from './entry.js';
export { mergeMemberConfigs, optimizerShape } from './members.js';
export { memberState, setMemberState } from './member-state.js';
