import { backend } from '../../kernels/index.js';
import { record } from '../autograd.js';
import { TensorError, fmtShape } from '../errors.js';
import { allocateUninit } from '../memory.js';
import { Tensor } from '../tensor.js';
import { sameDType } from './check.js';

/**
 * Layer normalization over the last axis (Ba, Kiros & Hinton 2016): (x − mean)/√(variance + eps)
 * · gamma + beta per row, with the biased variance (as PyTorch). One fused kernel each way, so
 * a transformer's LayerNorms put two nodes on the tape instead of a dozen broadcasting ones.
 * A NaN or Infinity in a row makes that row's output NaN; the loss reports it.
 */
export function layerNorm(x: Tensor, gamma: Tensor, beta: Tensor, eps = 1e-5): Tensor {
  sameDType('layerNorm', x, gamma, beta);
  const cols = x.shape[x.rank - 1];
  if (x.rank < 1 || gamma.rank !== 1 || beta.rank !== 1 || gamma.shape[0] !== cols || beta.shape[0] !== cols)
    throw new TensorError(
      'layerNorm',
      `needs gamma and beta of shape [${cols ?? 'last axis'}] for x ${fmtShape(x.shape)}, got ${fmtShape(gamma.shape)} and ${fmtShape(beta.shape)}`,
    );
  if (!(eps >= 0)) throw new TensorError('layerNorm', `eps must be ≥ 0, got ${eps}`);
  const rows = x.size / cols;
  const out = allocateUninit(x.dtype, x.size);
  const stats = new Float64Array(2 * rows);
  backend().layerNorm(x.data, gamma.data, beta.data, rows, cols, eps, out, stats);
  return record(new Tensor(out, x.shape), 'layerNorm', [x, gamma, beta], (g) => {
    const gx = allocateUninit(x.dtype, x.size);
    const gGamma = allocateUninit(x.dtype, cols);
    const gBeta = allocateUninit(x.dtype, cols);
    backend().layerNormBackward(x.data, gamma.data, stats, g.data, rows, cols, gx, gGamma, gBeta);
    return [new Tensor(gx, x.shape), new Tensor(gGamma, gamma.shape), new Tensor(gBeta, beta.shape)];
  });
}
