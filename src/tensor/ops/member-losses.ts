// The losses of an ensemble: E members' outputs along a leading axis, one loss each, every one
// computed as the single-run loss computes it (crossEntropy, mse in nn.ts), so a member's loss
// and gradient are bit-identical to its run alone. A member whose loss is not finite (it
// diverged) gets NaN or ±Infinity rather than an error: the others go on.
import { backend } from '../../kernels/index.js';
import { record } from '../autograd.js';
import type { FloatArray } from '../dtype.js';
import { allocate, allocateUninit } from '../memory.js';
import { TensorError, fmtShape } from '../errors.js';
import { Tensor } from '../tensor.js';
import { sameDType } from './check.js';

const block = <T extends FloatArray>(a: T, e: number, width: number) => a.subarray(e * width, (e + 1) * width) as T;

/**
 * Mean cross-entropy per member: logits [E, N, C] against labels [N] (shared by the members) or
 * one label array per member; returns the losses [E].
 */
export function memberCrossEntropy(logits: Tensor, labels: Int32Array | readonly Int32Array[]): Tensor {
  const op = 'memberCrossEntropy';
  if (logits.rank !== 3) throw new TensorError(op, `logits must be [members, N, C], got ${fmtShape(logits.shape)}`);
  const [members, rows, cols] = logits.shape;
  const labelsOf = labels instanceof Int32Array ? () => labels : (e: number) => labels[e];
  if (!(labels instanceof Int32Array) && labels.length !== members) throw new TensorError(op, `${labels.length} label arrays for ${members} members`);
  for (let e = 0; e < members; e++) {
    const l = labelsOf(e);
    if (l.length !== rows) throw new TensorError(op, `${l.length} labels for ${rows} rows of logits`);
    for (let i = 0; i < rows; i++) if (l[i] < 0 || l[i] >= cols) throw new TensorError(op, `label ${l[i]} at row ${i} is out of range [0, ${cols})`);
  }
  const width = rows * cols;
  const dlogits = logits.requiresGrad ? allocateUninit(logits.dtype, logits.size) : null;
  const losses = allocate(logits.dtype, members);
  for (let e = 0; e < members; e++)
    losses[e] = backend().softmaxCrossEntropy(block(logits.data, e, width), labelsOf(e), rows, cols, dlogits && block(dlogits, e, width), 1 / rows) / rows;
  return record(new Tensor(losses, [members]), op, [logits], (g) => {
    if (g.data.every((s) => s === 1)) return [new Tensor(dlogits!, logits.shape)];
    const gx = allocate(logits.dtype, logits.size);
    for (let e = 0; e < members; e++) {
      const s = g.data[e];
      for (let i = e * width; i < (e + 1) * width; i++) gx[i] = dlogits![i] * s;
    }
    return [new Tensor(gx, logits.shape)];
  });
}

/**
 * Mean squared error per member: predictions [E, …] against targets shaped like one member's
 * predictions (shared) or like all of them; returns the losses [E]. The targets get no gradient.
 */
export function memberMse(pred: Tensor, target: Tensor): Tensor {
  const op = 'memberMse';
  sameDType(op, pred, target);
  const members = pred.shape[0];
  const n = pred.size / members;
  const perMember = target.size === pred.size;
  if (pred.rank < 2 || (target.size !== n && !perMember) || (perMember ? target.rank !== pred.rank : target.rank !== pred.rank - 1))
    throw new TensorError(op, `prediction ${fmtShape(pred.shape)} and target ${fmtShape(target.shape)} do not match`);
  const targetAt = (e: number) => (perMember ? e * n : 0);
  const losses = allocate(pred.dtype, members);
  for (let e = 0; e < members; e++) {
    const p = e * n;
    const t = targetAt(e);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const r = pred.data[p + i] - target.data[t + i];
      total += r * r;
    }
    losses[e] = total / n;
  }
  return record(new Tensor(losses, [members]), op, [pred], (g) => {
    const gp = allocate(pred.dtype, pred.size);
    for (let e = 0; e < members; e++) {
      const s = (2 * g.data[e]) / n;
      const p = e * n;
      const t = targetAt(e);
      for (let i = 0; i < n; i++) gp[p + i] = s * (pred.data[p + i] - target.data[t + i]);
    }
    return [new Tensor(gp, pred.shape)];
  });
}
