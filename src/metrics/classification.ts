// Accuracy-style metrics: argmax accuracy for classifiers, and Omnigrok's "accuracy" for
// regression (Liu et al. 2023: the fraction of samples whose MSE is below a threshold).
import type { Tensor } from '../tensor/index.js';

/**
 * Fraction of rows of logits [N, C] whose argmax equals the label (ties → the first maximum, as
 * T.argmax). A row containing NaN counts as wrong. Throws for N = 0: no samples, no accuracy.
 */
export function accuracy(logits: Tensor, labels: Int32Array): number {
  if (logits.rank !== 2) throw new RangeError(`accuracy needs logits [N, C], got shape [${logits.shape.join(', ')}]`);
  const [n, c] = logits.shape;
  if (labels.length !== n) throw new RangeError(`accuracy: ${labels.length} labels for ${n} rows of logits`);
  if (n === 0 || c === 0) throw new RangeError(`accuracy of logits [${n}, ${c}] is undefined (no samples or no classes)`);
  const d = logits.data;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i];
    if (!(label >= 0 && label < c)) throw new RangeError(`accuracy: label ${label} at row ${i} is outside [0, ${c})`);
    const row = i * c;
    let best = 0;
    let nan = Number.isNaN(d[row]);
    for (let j = 1; j < c; j++) {
      const v = d[row + j];
      if (v > d[row + best]) best = j;
      else if (Number.isNaN(v)) nan = true;
    }
    if (!nan && best === label) correct++;
  }
  return correct / n;
}

/**
 * Fraction of examples whose single logit [N] or [N, 1] has the label's sign: logit > 0 ⇔ label 1
 * (torch.round(sigmoid(z)) as Omnigrok's IMDb code; z = 0 counts as 0, NaN as wrong).
 */
export function binaryAccuracy(logits: Tensor, labels: Int32Array): number {
  const n = logits.shape[0];
  if (logits.size !== n || labels.length !== n || n === 0)
    throw new RangeError(`binaryAccuracy needs N logits [N] or [N, 1] and N labels, got shape [${logits.shape.join(', ')}] and ${labels.length} labels`);
  let correct = 0;
  for (let i = 0; i < n; i++) if (!Number.isNaN(logits.data[i]) && (logits.data[i] > 0 ? 1 : 0) === labels[i]) correct++;
  return correct / n;
}

/** Fraction of values strictly below threshold (NaN never is). Throws for no values. */
export function fractionBelow(values: ArrayLike<number>, threshold: number): number {
  if (values.length === 0) throw new RangeError('fractionBelow of no values is undefined');
  let count = 0;
  for (let i = 0; i < values.length; i++) if (values[i] < threshold) count++;
  return count / values.length;
}

/** Per-sample mean squared error over the D outputs of predictions and targets [N, D]. */
export function perSampleMse(pred: Tensor, target: Tensor): Float64Array {
  const shape = (t: Tensor) => `[${t.shape.join(', ')}]`;
  if (pred.rank !== 2 || shape(pred) !== shape(target)) throw new RangeError(`perSampleMse needs two [N, D] tensors, got ${shape(pred)} and ${shape(target)}`);
  const [n, dim] = pred.shape;
  const p = pred.data;
  const t = target.data;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = i * dim; j < (i + 1) * dim; j++) s += (p[j] - t[j]) ** 2;
    out[i] = s / dim;
  }
  return out;
}
