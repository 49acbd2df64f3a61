import { backend } from '../../kernels/index.js';
import type { Activation } from '../../kernels/backend.js';
import { record } from '../autograd.js';
import { allocate, allocateUninit } from '../memory.js';
import { NonFiniteError, TensorError, fmtShape } from '../errors.js';
import { normalizeAxis, sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';
import { assertNoNaN, sameDType } from './check.js';
import { add, div, mul, sqrt, square, sub } from './elementwise.js';
import { matmul } from './matmul.js';
import { mean } from './reduce.js';

/** softmax along `axis`, stable (max-shifted); the backward needs only the output. */
export function softmax(x: Tensor, axis = -1): Tensor {
  const { y } = softmaxLike(x, axis, false);
  return record(y, 'softmax', [x], (g) => [
    alongAxis(
      y,
      axis,
      (ys, gs, gx, base, len, stride) => {
        let dot = 0;
        for (let l = 0; l < len; l++) dot += ys[base + l * stride] * gs[base + l * stride];
        for (let l = 0; l < len; l++) gx[base + l * stride] = ys[base + l * stride] * (gs[base + l * stride] - dot);
      },
      g,
    ),
  ]);
}

/** log-softmax along `axis`: x − logsumexp(x), stable. */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  const { y } = softmaxLike(x, axis, true);
  return record(y, 'logSoftmax', [x], (g) => [
    alongAxis(
      y,
      axis,
      (ys, gs, gx, base, len, stride) => {
        let total = 0;
        for (let l = 0; l < len; l++) total += gs[base + l * stride];
        for (let l = 0; l < len; l++) gx[base + l * stride] = gs[base + l * stride] - Math.exp(ys[base + l * stride]) * total;
      },
      g,
    ),
  ]);
}

type Lane = (ys: Tensor['data'], gs: Tensor['data'], gx: Tensor['data'], base: number, len: number, stride: number) => void;

/** Runs `lane` over every 1-D lane of `axis`, producing the input gradient. */
function alongAxis(y: Tensor, axis: number, lane: Lane, g: Tensor): Tensor {
  const a = normalizeAxis('softmax', axis, y.rank);
  const len = y.shape[a];
  const inner = sizeOf(y.shape.slice(a + 1));
  const outer = sizeOf(y.shape.slice(0, a));
  const gx = allocateUninit(y.dtype, y.size);
  for (let o = 0; o < outer; o++) for (let i = 0; i < inner; i++) lane(y.data, g.data, gx, o * len * inner + i, len, inner);
  return new Tensor(gx, y.shape);
}

function softmaxLike(x: Tensor, axis: number, logs: boolean): { y: Tensor } {
  const op = logs ? 'logSoftmax' : 'softmax';
  const a = normalizeAxis(op, axis, x.rank);
  const len = x.shape[a];
  const inner = sizeOf(x.shape.slice(a + 1));
  const outer = sizeOf(x.shape.slice(0, a));
  const out = allocateUninit(x.dtype, x.size);
  const d = x.data;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * len * inner + i;
      let m = -Infinity;
      for (let l = 0; l < len; l++) m = Math.max(m, d[base + l * inner]);
      let s = 0;
      for (let l = 0; l < len; l++) s += Math.exp(d[base + l * inner] - m);
      const lse = m + Math.log(s);
      for (let l = 0; l < len; l++) {
        const z = d[base + l * inner] - lse;
        out[base + l * inner] = logs ? z : Math.exp(z);
      }
    }
  }
  const y = new Tensor(out, x.shape);
  assertNoNaN(op, y, [x]);
  return { y };
}

/**
 * Mean cross-entropy of logits [N, C] against integer labels [N], fused and stable: one pass
 * for the loss, and the gradient (softmax − onehot)/N written by the same kernel.
 */
export function crossEntropy(logits: Tensor, labels: Int32Array): Tensor {
  if (logits.rank !== 2) throw new TensorError('crossEntropy', `logits must be [N, C], got ${fmtShape(logits.shape)}`);
  const [rows, cols] = logits.shape;
  if (labels.length !== rows) throw new TensorError('crossEntropy', `${labels.length} labels for ${rows} rows of logits`);
  for (let i = 0; i < rows; i++) {
    if (labels[i] < 0 || labels[i] >= cols) throw new TensorError('crossEntropy', `label ${labels[i]} at row ${i} is out of range [0, ${cols})`);
  }
  const needGrad = logits.requiresGrad;
  const dlogits = needGrad ? allocateUninit(logits.dtype, logits.size) : null;
  const total = backend().softmaxCrossEntropy(logits.data, labels, rows, cols, dlogits, 1 / rows);
  const loss = allocate(logits.dtype, 1);
  loss[0] = total / rows;
  if (!Number.isFinite(loss[0]))
    throw new NonFiniteError('crossEntropy', `loss is ${loss[0]}; logits of shape ${fmtShape(logits.shape)} contain NaN or Infinity`);
  return record(new Tensor(loss, []), 'crossEntropy', [logits], (g) => {
    const s = g.data[0];
    if (s === 1) return [new Tensor(dlogits!, logits.shape)];
    const gx = allocate(logits.dtype, logits.size);
    const d = dlogits!;
    for (let i = 0; i < gx.length; i++) gx[i] = d[i] * s;
    return [new Tensor(gx, logits.shape)];
  });
}

/** Mean squared error over all elements (shapes must match exactly). */
export function mse(pred: Tensor, target: Tensor): Tensor {
  sameDType('mse', pred, target);
  if (pred.size !== target.size || pred.rank !== target.rank || pred.shape.some((d, i) => d !== target.shape[i])) {
    throw new TensorError('mse', `prediction ${fmtShape(pred.shape)} and target ${fmtShape(target.shape)} differ in shape`);
  }
  const n = pred.size;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = pred.data[i] - target.data[i];
    total += r * r;
  }
  const loss = allocate(pred.dtype, 1);
  loss[0] = total / n;
  if (!Number.isFinite(loss[0])) throw new NonFiniteError('mse', `loss is ${loss[0]}; the inputs contain NaN or Infinity`);
  return record(new Tensor(loss, []), 'mse', [pred, target], (g) => {
    const s = (2 * g.data[0]) / n;
    const gp = allocate(pred.dtype, n);
    for (let i = 0; i < n; i++) gp[i] = s * (pred.data[i] - target.data[i]);
    const gt = allocate(pred.dtype, n);
    for (let i = 0; i < n; i++) gt[i] = -gp[i];
    return [new Tensor(gp, pred.shape), new Tensor(gt, target.shape)];
  });
}

/**
 * y = act(x · W + b) for x [..., in], W [in, out], b [out]: the dense layer with bias and
 * activation fused into one pass over the GEMM output.
 */
export function linear(x: Tensor, w: Tensor, b: Tensor | null = null, activation: Activation = 'none'): Tensor {
  if (b) sameDType('linear', w, b);
  if (b && (b.rank !== 1 || b.shape[0] !== w.shape[w.rank - 1]))
    throw new TensorError('linear', `bias ${fmtShape(b.shape)} does not match weight ${fmtShape(w.shape)}`);
  // The GEMM's output is fresh and only routes the gradient to matmul: bias and activation may
  // overwrite it.
  return biasActivationInPlace('linear', matmul(x, w), b, activation);
}

/**
 * y = act(Σ_j P_j[tokens_j] + b): a dense layer over a row of tokens, each embedded and
 * concatenated (or one-hot), from per-token projections P_j [vocab_j, out] — for an embedding
 * E and the rows W_j of the layer's weight that read position j, P_j = E · W_j. The result is
 * linear(concat_j E[tokens_j], W, b) with the sum over positions taken after the GEMMs, which then
 * cost vocab·d·out instead of rows·d·out; the gradient scatter-adds into each P_j.
 */
export function gatheredLinear(
  projections: readonly Tensor[],
  tokens: readonly Int32Array[],
  b: Tensor | null = null,
  activation: Activation = 'none',
): Tensor {
  const op = 'gatheredLinear';
  if (projections.length === 0 || projections.length !== tokens.length)
    throw new TensorError(op, `needs one token array per projection, got ${tokens.length} for ${projections.length}`);
  sameDType(op, ...projections, ...(b ? [b] : []));
  const cols = projections[0].shape[1];
  const rows = tokens[0].length;
  projections.forEach((p, j) => {
    if (p.rank !== 2 || p.shape[1] !== cols)
      throw new TensorError(op, `projections must be [vocab, ${cols}], got ${projections.map((q) => fmtShape(q.shape)).join(', ')}`);
    const t = tokens[j];
    if (t.length !== rows) throw new TensorError(op, `token arrays differ in length (${rows} and ${t.length})`);
    for (let i = 0; i < rows; i++)
      if (t[i] < 0 || t[i] >= p.shape[0]) throw new TensorError(op, `token ${t[i]} at row ${i} of position ${j} is out of range [0, ${p.shape[0]})`);
  });
  if (b && (b.rank !== 1 || b.shape[0] !== cols)) throw new TensorError(op, `bias ${fmtShape(b.shape)} does not match ${cols} outputs`);
  const dtype = projections[0].dtype;
  const size = rows * cols;
  const sum = allocateUninit(dtype, size);
  backend().gather(projections[0].data, tokens[0], 1, projections[0].shape[0], cols, sum);
  for (let j = 1; j < projections.length; j++) {
    const rowsOfJ = allocateUninit(dtype, size);
    backend().gather(projections[j].data, tokens[j], 1, projections[j].shape[0], cols, rowsOfJ);
    backend().tiled('add', sum, size, rowsOfJ, size, sum);
  }
  const z = record(new Tensor(sum, [rows, cols]), 'gatheredRows', projections, (g) =>
    projections.map((p, j) => {
      const gp = allocate(dtype, p.size);
      backend().scatterAdd(g.data, tokens[j], 1, p.shape[0], cols, gp);
      return new Tensor(gp, p.shape);
    }),
  );
  return biasActivationInPlace(op, z, b, activation);
}

/**
 * act(z + b), written over z's own buffer: only for a z that nothing reads again (its node
 * routes the gradient only), such as a GEMM's fresh output. The backward reads the output.
 */
function biasActivationInPlace(op: string, z: Tensor, b: Tensor | null, activation: Activation): Tensor {
  const cols = z.shape[z.rank - 1];
  const rows = z.size / cols;
  const out = z.data;
  backend().biasActivation(out, b ? b.data : null, rows, cols, activation, out);
  const y = new Tensor(out, z.shape);
  return record(y, op, b ? [z, b] : [z], (g) => {
    const gz = allocateUninit(z.dtype, z.size);
    const gb = b?.requiresGrad ? allocate(b.dtype, b.size) : null;
    backend().biasActivationBackward(out, g.data, rows, cols, activation, gz, gb);
    const gradZ = new Tensor(gz, z.shape);
    return b ? [gradZ, gb && new Tensor(gb, b.shape)] : [gradZ];
  });
}

/** Layer normalization over the last axis (Ba, Kiros & Hinton 2016), built from the basic ops. */
export function layerNorm(x: Tensor, gamma: Tensor, beta: Tensor, eps = 1e-5): Tensor {
  const centered = sub(x, mean(x, -1, true));
  const variance = mean(square(centered), -1, true);
  return add(mul(div(centered, sqrt(add(variance, eps))), gamma), beta);
}
