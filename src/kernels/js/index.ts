import type { Backend } from '../backend.js';
import { gemm } from './gemm.js';
import { attention, attentionBackward } from './attention.js';
import { copyRows, gather, scaleBlocks, scatterAdd, sumAxis, tiled } from './elementwise.js';
import { adamw, biasActivation, biasActivationBackward, softmaxCrossEntropy } from './fused.js';
import { leastSquaresVia } from './least-squares.js';
import { jacobiSweeps } from './jacobi.js';
import { layerNorm, layerNormBackward } from './layer-norm.js';
import { lstmBackwardVia, lstmForwardVia } from './lstm.js';

/** The reference backend: plain TypeScript, always available, the yardstick for the others. */
export const jsBackend: Backend = {
  name: 'js',
  gemm,
  biasActivation,
  biasActivationBackward,
  softmaxCrossEntropy,
  adamw,
  tiled,
  scaleBlocks,
  scatterAdd,
  gather,
  sumAxis,
  copyRows,
  jacobiSweeps,
  leastSquares: leastSquaresVia(gemm),
  attention,
  attentionBackward,
  layerNorm,
  layerNormBackward,
  lstmForward: lstmForwardVia(gemm),
  lstmBackward: lstmBackwardVia(gemm),
};
