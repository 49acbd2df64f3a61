// Pure metrics: no I/O, no global state. Measured by the training loop, read by the run store,
// plots and sweeps.
export { accuracy, binaryAccuracy, fractionBelow, perSampleMse } from './classification.js';
export { l0, l1, l2, sumOfSquares, nuclear, matrixNuclear, parameterNorms, type Params, type Shapes, type ParameterNorms } from './norms.js';
export { effectiveRank, numericalRank, matrixRanks } from './rank.js';
export {
  detectGrokking, detectionOptionsSchema, OUTCOMES,
  type DetectionOptions, type DetectionOptionsInput, type EvalPoint, type Outcome, type Detection,
} from './grokking.js';
export type { Metrics } from './types.js';
export { pearson, fitLine, fitPowerLaw, fitExponential, type LineFit } from './fit.js';
export { plateauStep, type PlateauOptions } from './plateau.js';
export { representationStructure, type RepresentationStructure } from './representation.js';
