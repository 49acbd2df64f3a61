import { backend } from '../../kernels/index.js';
import type { Activation } from '../../kernels/backend.js';
import { record } from '../autograd.js';
import type { FloatArray } from '../dtype.js';
import { allocate, allocateUninit } from '../memory.js';
import { NonFiniteError, TensorError, fmtShape } from '../errors.js';
import { normalizeAxis, sizeOf } from '../shape.js';
import { Tensor } from '../tensor.js';
import { assertNoNaN, sameDType } from './check.js';
import { matmul } from './matmul.js';

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
 * activation fused into one pass over the GEMM output. With a leading member axis, W [E, in, out]
 * and b [E, out] are E layers (an ensemble) and x is [rows, in] (shared) or [E, rows, in].
 */
export function linear(x: Tensor, w: Tensor, b: Tensor | null = null, activation: Activation = 'none'): Tensor {
  if (b) sameDType('linear', w, b);
  const biasShape = w.rank === 3 ? [w.shape[0], w.shape[2]] : [w.shape[w.rank - 1]];
  if (b && (b.rank !== biasShape.length || b.shape.some((d, i) => d !== biasShape[i])))
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
 *
 * With a leading member axis (an ensemble), P_j is [members, vocab_j, out], b [members, out] and
 * the result [members, rows, out]; tokens_j holds the rows' tokens once (shared by the members)
 * or one array per member.
 */
export function gatheredLinear(
  projections: readonly Tensor[],
  tokens: readonly (Int32Array | readonly Int32Array[])[],
  b: Tensor | null = null,
  activation: Activation = 'none',
): Tensor {
  const op = 'gatheredLinear';
  if (projections.length === 0 || projections.length !== tokens.length)
    throw new TensorError(op, `needs one token array per projection, got ${tokens.length} for ${projections.length}`);
  sameDType(op, ...projections, ...(b ? [b] : []));
  const rank = projections[0].rank;
  const members = rank === 3 ? projections[0].shape[0] : 1;
  const cols = projections[0].shape[rank - 1];
  // Per position, the tokens of each member: the same array for all when shared.
  const perMember = tokens.map((t, j) => {
    if (t instanceof Int32Array) return Array.from({ length: members }, () => t);
    if (t.length !== members) throw new TensorError(op, `position ${j} has token arrays for ${t.length} members, the projections ${members}`);
    return t;
  });
  const shared = tokens.every((t) => t instanceof Int32Array);
  const rows = perMember[0][0].length;
  projections.forEach((p, j) => {
    if (p.rank !== rank || (rank !== 2 && rank !== 3) || p.shape[rank - 1] !== cols || (rank === 3 && p.shape[0] !== members))
      throw new TensorError(
        op,
        `projections must be [vocab, ${cols}] (or [members, vocab, ${cols}], all alike), got ${projections.map((q) => fmtShape(q.shape)).join(', ')}`,
      );
    const vocab = p.shape[rank - 2];
    for (const t of new Set(perMember[j])) {
      if (t.length !== rows) throw new TensorError(op, `token arrays differ in length (${rows} and ${t.length})`);
      for (let i = 0; i < rows; i++)
        if (t[i] < 0 || t[i] >= vocab) throw new TensorError(op, `token ${t[i]} at row ${i} of position ${j} is out of range [0, ${vocab})`);
    }
  });
  const biasShape = rank === 3 ? [members, cols] : [cols];
  if (b && (b.rank !== biasShape.length || b.shape.some((d, i) => d !== biasShape[i])))
    throw new TensorError(op, `bias ${fmtShape(b.shape)} does not match ${fmtShape(biasShape)}`);
  const dtype = projections[0].dtype;
  const block = rows * cols;
  const size = members * block;
  const memberBlock = <T extends FloatArray>(a: T, e: number, width: number) => a.subarray(e * width, (e + 1) * width) as T;
  // Rows of P_j picked by the tokens: one call for all members when they share the tokens.
  const gather = (j: number, out: FloatArray) => {
    const p = projections[j];
    const vocab = p.shape[rank - 2];
    if (shared) backend().gather(p.data, perMember[j][0], members, vocab, cols, out);
    else for (let e = 0; e < members; e++) backend().gather(memberBlock(p.data, e, vocab * cols), perMember[j][e], 1, vocab, cols, memberBlock(out, e, block));
  };
  const sum = allocateUninit(dtype, size);
  gather(0, sum);
  for (let j = 1; j < projections.length; j++) {
    const rowsOfJ = allocateUninit(dtype, size);
    gather(j, rowsOfJ);
    backend().tiled('add', sum, size, rowsOfJ, size, sum);
  }
  const z = record(new Tensor(sum, rank === 3 ? [members, rows, cols] : [rows, cols]), 'gatheredRows', projections, (g) =>
    projections.map((p, j) => {
      const gp = allocate(dtype, p.size);
      const vocab = p.shape[rank - 2];
      if (shared) backend().scatterAdd(g.data, perMember[j][0], members, vocab, cols, gp);
      else
        for (let e = 0; e < members; e++)
          backend().scatterAdd(memberBlock(g.data, e, block), perMember[j][e], 1, vocab, cols, memberBlock(gp, e, vocab * cols));
      return new Tensor(gp, p.shape);
    }),
  );
  return biasActivationInPlace(op, z, b, activation);
}

/**
 * act(z + b), written over z's own buffer: only for a z that nothing reads again (its node
 * routes the gradient only), such as a GEMM's fresh output. The backward reads the output. A
 * bias [E, cols] (one per member) meets z [E, rows, cols] block by block.
 */
function biasActivationInPlace(op: string, z: Tensor, b: Tensor | null, activation: Activation): Tensor {
  const cols = z.shape[z.rank - 1];
  const blocks = b && b.rank === 2 ? b.shape[0] : 1;
  const rows = z.size / cols / blocks;
  if (!Number.isInteger(rows)) throw new TensorError(op, `bias ${fmtShape(b!.shape)} does not split ${fmtShape(z.shape)} into member blocks`);
  const out = z.data;
  const inBlocks = (each: (at: <T extends FloatArray>(a: T, width: number) => T) => void) => {
    if (blocks === 1) each((a) => a);
    else for (let e = 0; e < blocks; e++) each(<T extends FloatArray>(a: T, width: number) => a.subarray(e * width, (e + 1) * width) as T);
  };
  inBlocks((at) => backend().biasActivation(at(out, rows * cols), b ? at(b.data, cols) : null, rows, cols, activation, at(out, rows * cols)));
  const y = new Tensor(out, z.shape);
  return record(y, op, b ? [z, b] : [z], (g) => {
    const gz = allocateUninit(z.dtype, z.size);
    const gb = b?.requiresGrad ? allocate(b.dtype, b.size) : null;
    inBlocks((at) =>
      backend().biasActivationBackward(at(out, rows * cols), at(g.data, rows * cols), rows, cols, activation, at(gz, rows * cols), gb && at(gb, cols)),
    );
    const gradZ = new Tensor(gz, z.shape);
    return b ? [gradZ, gb && new Tensor(gb, b.shape)] : [gradZ];
  });
}
