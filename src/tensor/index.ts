// The tensor engine: dense Float32/Float64 tensors, differentiable ops, reverse-mode autograd.
export { Tensor, tensor, full, zeros, ones, scalar, type GradNode, type TensorOptions } from './tensor.js';
export type { DType, FloatArray } from './dtype.js';
export { TensorError, NonFiniteError } from './errors.js';
export type { Shape } from './shape.js';
export { noGrad, isRecording, valueAndGrad } from './autograd.js';
export { tidy } from './memory.js';
export * from './ops/elementwise.js';
export { sum, mean, max, argmax, logsumexp, broadcastTo, sumToShape, type Axes } from './ops/reduce.js';
export { matmul, type MatmulOptions } from './ops/matmul.js';
export { reshape, transpose, transposeLast, concat, slice, cast } from './ops/shape-ops.js';
export { take, segmentSum, embedding, oneHot, maskedFill } from './ops/index-ops.js';
export { softmax, logSoftmax, crossEntropy, mse, linear, gatheredLinear } from './ops/nn.js';
export { layerNorm } from './ops/layer-norm.js';
export { binaryCrossEntropy } from './ops/binary-cross-entropy.js';
export { memberCrossEntropy, memberMse } from './ops/member-losses.js';
export { lstmRecurrence } from './ops/lstm.js';
export { attendHeads, causalSelfAttention, type AttentionOptions, type AttentionWeights } from './ops/attention.js';
export * from './linalg/index.js';
