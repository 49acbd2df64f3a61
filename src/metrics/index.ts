// Pure metrics: no I/O, no global state. Measured by the training loop, read by the run store,
// plots and sweeps.
export { accuracy, binaryAccuracy, fractionBelow, perSampleMse } from './classification.js';
export { l0, l1, l2, sumOfSquares, nuclear, matrixNuclear, parameterNorms, type Params, type Shapes, type ParameterNorms } from './norms.js';
export { effectiveRank, numericalRank, matrixRanks } from './rank.js';
export {
  detectGrokking,
  detectionOptionsSchema,
  OUTCOMES,
  type DetectionOptions,
  type DetectionOptionsInput,
  type EvalPoint,
  type Outcome,
  type Detection,
  type Baselines,
} from './grokking.js';
export type { Metrics } from './types.js';
export { pearson, fitLine, fitPowerLaw, fitExponential, fitScalingLaw, type LineFit, type Exponent, type ScalingFit } from './fit.js';
export { meanInterval, studentQuantile, type MeanInterval } from './spread.js';
export { plateauStep, type PlateauOptions } from './plateau.js';
export { lostGeneralization, type LostGeneralization } from './lost-generalization.js';
export { representationStructure, type RepresentationStructure } from './representation.js';
export { kendallTrend, Z95, type Trend } from './trend.js';
