import { record } from '../autograd.js';
import { allocate } from '../memory.js';
import { NonFiniteError, TensorError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor.js';

/**
 * Mean binary cross-entropy of logits z ([N] or [N, 1]) against labels y ∈ {0, 1}: sigmoid and
 * BCE fused (torch's BCEWithLogitsLoss), so the loss is max(z, 0) − z·y + log(1 + e^−|z|) and
 * never takes the log of a sigmoid that rounded to 0 or 1. Gradient (σ(z) − y)/N.
 */
export function binaryCrossEntropy(logits: Tensor, labels: Int32Array): Tensor {
  const n = logits.shape[0];
  if (!(logits.rank === 1 || (logits.rank === 2 && logits.shape[1] === 1))) {
    throw new TensorError('binaryCrossEntropy', `logits must be [N] or [N, 1], got ${fmtShape(logits.shape)}`);
  }
  if (labels.length !== n) throw new TensorError('binaryCrossEntropy', `${labels.length} labels for ${n} logits`);
  const z = logits.data;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const y = labels[i];
    if (y !== 0 && y !== 1) throw new TensorError('binaryCrossEntropy', `label ${y} at row ${i} is not 0 or 1`);
    total += Math.max(z[i], 0) - z[i] * y + Math.log1p(Math.exp(-Math.abs(z[i])));
  }
  const loss = allocate(logits.dtype, 1);
  loss[0] = total / n;
  if (!Number.isFinite(loss[0])) throw new NonFiniteError('binaryCrossEntropy', `loss is ${loss[0]}; the logits contain NaN or Infinity`);
  return record(new Tensor(loss, []), 'binaryCrossEntropy', [logits], (g) => {
    const s = g.data[0] / n;
    const gz = allocate(logits.dtype, n);
    for (let i = 0; i < n; i++) {
      // NOTE: σ branches on the sign so exp never overflows.
      const sigma = z[i] >= 0 ? 1 / (1 + Math.exp(-z[i])) : Math.exp(z[i]) / (1 + Math.exp(z[i]));
      gz[i] = s * (sigma - labels[i]);
    }
    return [new Tensor(gz, logits.shape)];
  });
}
