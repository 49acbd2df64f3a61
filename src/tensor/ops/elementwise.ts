import { record } from '../autograd.js';
import { backend } from '../../kernels/index.js';
import type { BinaryOp } from '../../kernels/backend.js';
import type { FloatArray } from '../dtype.js';
import { allocateUninit } from '../memory.js';
import { broadcastIndex, broadcastShapes, sameShape, sizeOf, type Shape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { lift, sameDType, type TensorLike } from './check.js';
import { sumToShape } from './reduce.js';

// ---------------------------------------------------------------------------------------------
// Unary ops: y = f(x), with dy/dx expressed through x and y so no extra pass is needed.

type Unary = (x: number) => number;
/** dy/dx as a function of x and y = f(x). */
type UnaryDeriv = (x: number, y: number) => number;

function unary(op: string, x: Tensor, f: Unary, df: UnaryDeriv | null): Tensor {
  const out = allocateUninit(x.dtype, x.size);
  const xs = x.data;
  for (let i = 0; i < xs.length; i++) out[i] = f(xs[i]);
  const y = new Tensor(out, x.shape);
  return record(y, op, [x], (g) => {
    if (!df) return [null];
    const gx = allocateUninit(x.dtype, x.size);
    const gs = g.data;
    for (let i = 0; i < gx.length; i++) gx[i] = gs[i] * df(xs[i], out[i]);
    return [new Tensor(gx, x.shape)];
  });
}

export const neg = (x: Tensor): Tensor =>
  unary(
    'neg',
    x,
    (v) => -v,
    () => -1,
  );
export const exp = (x: Tensor): Tensor => unary('exp', x, Math.exp, (_, y) => y);
export const log = (x: Tensor): Tensor => unary('log', x, Math.log, (v) => 1 / v);
export const sqrt = (x: Tensor): Tensor => unary('sqrt', x, Math.sqrt, (_, y) => 0.5 / y);
export const abs = (x: Tensor): Tensor => unary('abs', x, Math.abs, (v) => Math.sign(v));
/** sign has zero derivative almost everywhere; ℓ1 subgradients use sign directly, not through autograd. */
export const sign = (x: Tensor): Tensor => unary('sign', x, Math.sign, null);

// The hidden-layer nonlinearities run on every training step of a network, so each has loops of
// its own: a loop shared through `unary` calls its f through a call site that sees every op
// (megamorphic, never inlined), which made tanh the largest cost of a small MLP's step. The
// arithmetic is unary's, element for element.

type Loop = (xs: FloatArray, out: FloatArray) => void;
/** gx = gs ⊙ dy/dx from x and y = f(x). */
type GradLoop = (xs: FloatArray, ys: FloatArray, gs: FloatArray, gx: FloatArray) => void;

function activation(op: string, x: Tensor, forward: Loop, backward: GradLoop): Tensor {
  const out = allocateUninit(x.dtype, x.size);
  const xs = x.data;
  forward(xs, out);
  return record(new Tensor(out, x.shape), op, [x], (g) => {
    const gx = allocateUninit(x.dtype, x.size);
    backward(xs, out, g.data, gx);
    return [new Tensor(gx, x.shape)];
  });
}

export const tanh = (x: Tensor): Tensor =>
  activation(
    'tanh',
    x,
    (xs, out) => {
      for (let i = 0; i < xs.length; i++) out[i] = Math.tanh(xs[i]);
    },
    (_, ys, gs, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] = gs[i] * (1 - ys[i] * ys[i]);
    },
  );
export const relu = (x: Tensor): Tensor =>
  activation(
    'relu',
    x,
    (xs, out) => {
      for (let i = 0; i < xs.length; i++) out[i] = xs[i] > 0 ? xs[i] : 0;
    },
    (xs, _, gs, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] = gs[i] * (xs[i] > 0 ? 1 : 0);
    },
  );
export const leakyRelu = (x: Tensor, slope = 0.01): Tensor =>
  activation(
    'leakyRelu',
    x,
    (xs, out) => {
      for (let i = 0; i < xs.length; i++) out[i] = xs[i] > 0 ? xs[i] : slope * xs[i];
    },
    (xs, _, gs, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] = gs[i] * (xs[i] > 0 ? 1 : slope);
    },
  );
export const sigmoid = (x: Tensor): Tensor =>
  activation(
    'sigmoid',
    x,
    // NOTE: branch on the sign so exp never overflows for large |x|.
    (xs, out) => {
      for (let i = 0; i < xs.length; i++) {
        const v = xs[i];
        out[i] = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
      }
    },
    (_, ys, gs, gx) => {
      for (let i = 0; i < gx.length; i++) gx[i] = gs[i] * (ys[i] * (1 - ys[i]));
    },
  );
/** Clamp into [lo, hi]; the gradient passes where the input lies strictly inside. */
export const clamp = (x: Tensor, lo = -Infinity, hi = Infinity): Tensor =>
  unary(
    'clamp',
    x,
    (v) => (v < lo ? lo : v > hi ? hi : v),
    (v) => (v > lo && v < hi ? 1 : 0),
  );
/** x^p for a constant exponent. */
export const powScalar = (x: Tensor, p: number): Tensor =>
  unary(
    'pow',
    x,
    (v) => Math.pow(v, p),
    (v) => (p === 0 ? 0 : p * Math.pow(v, p - 1)),
  );
export const square = (x: Tensor): Tensor =>
  unary(
    'square',
    x,
    (v) => v * v,
    (v) => 2 * v,
  );

// ---------------------------------------------------------------------------------------------
// Binary ops with NumPy broadcasting. Gradients are summed back to each operand's shape.

type Binary = (a: number, b: number) => number;
/** ∂out/∂a and ∂out/∂b as functions of a, b and out, or a constant (add, sub). */
type BinaryDeriv = ((a: number, b: number, out: number) => number) | 1 | -1;

/**
 * How an operand of shape `src` is read while filling `out`: element i of the output reads
 * element i mod period (the operand equals out, or repeats along leading axes: a bias, a
 * scalar, a position embedding), or element index[i] for any other broadcast.
 */
function reader(src: Shape, out: Shape): { period: number; index: Int32Array | null } {
  const first = src.findIndex((d) => d !== 1);
  const core = first === -1 ? [] : src.slice(first);
  const tiles = core.every((d, i) => d === out[out.length - core.length + i]);
  return tiles ? { period: sizeOf(core), index: null } : { period: 0, index: broadcastIndex(src, out) };
}

function binary(op: string, aIn: TensorLike, bIn: TensorLike, f: Binary, da: BinaryDeriv, db: BinaryDeriv, fast: BinaryOp | null = null): Tensor {
  const a = lift(aIn, typeof bIn === 'number' ? (aIn as Tensor).dtype : bIn.dtype);
  const b = lift(bIn, a.dtype);
  const dtype = sameDType(op, a, b);
  const shape = broadcastShapes(op, a.shape, b.shape);
  const ra = reader(a.shape, shape);
  const rb = reader(b.shape, shape);
  const as = a.data;
  const bs = b.data;
  const n = sizeOf(shape);
  const out = allocateUninit(dtype, n);
  const tiles = !ra.index && !rb.index;
  // Through the shared callback below V8 cannot inline `f`: the common ops get their own loops.
  if (fast && tiles) backend().tiled(fast, as, ra.period, bs, rb.period, out);
  else
    for (let i = 0, ja = 0, jb = 0; i < n; i++) {
      out[i] = f(as[ra.index ? ra.index[i] : ja], bs[rb.index ? rb.index[i] : jb]);
      if (++ja === ra.period) ja = 0;
      if (++jb === rb.period) jb = 0;
    }
  const y = new Tensor(out, shape);
  return record(y, op, [a, b], (g) => {
    const gs = g.data;
    const grad = (d: BinaryDeriv, target: Shape, needed: boolean, other: { data: FloatArray; period: number } | null): Tensor | null => {
      if (!needed) return null;
      // A constant derivative passes the gradient through: no pass over the inputs.
      if (d === 1) return sameShape(shape, target) ? g : sumToShape(g, target);
      const full = allocateUninit(dtype, n);
      // mul: the gradient of one operand is g times the other, the same tiled product.
      if (other) backend().tiled('mul', gs, n, other.data, other.period, full);
      else if (d === -1) for (let i = 0; i < n; i++) full[i] = -gs[i];
      else
        for (let i = 0, ja = 0, jb = 0; i < n; i++) {
          full[i] = gs[i] * d(as[ra.index ? ra.index[i] : ja], bs[rb.index ? rb.index[i] : jb], out[i]);
          if (++ja === ra.period) ja = 0;
          if (++jb === rb.period) jb = 0;
        }
      const t = new Tensor(full, shape);
      return sameShape(shape, target) ? t : sumToShape(t, target);
    };
    const product = fast === 'mul' && tiles;
    return [
      grad(da, a.shape, a.requiresGrad, product ? { data: bs, period: rb.period } : null),
      grad(db, b.shape, b.requiresGrad, product ? { data: as, period: ra.period } : null),
    ];
  });
}

export const add = (a: TensorLike, b: TensorLike): Tensor => binary('add', a, b, (x, y) => x + y, 1, 1, 'add');
export const sub = (a: TensorLike, b: TensorLike): Tensor => binary('sub', a, b, (x, y) => x - y, 1, -1, 'sub');
export const mul = (a: TensorLike, b: TensorLike): Tensor =>
  binary(
    'mul',
    a,
    b,
    (x, y) => x * y,
    (_, y) => y,
    (x) => x,
    'mul',
  );
export const div = (a: TensorLike, b: TensorLike): Tensor =>
  binary(
    'div',
    a,
    b,
    (x, y) => x / y,
    (_, y) => 1 / y,
    (_, y, o) => -o / y,
    'div',
  );
/** a^b elementwise; ∂/∂b uses log a, so it is only defined for a > 0. */
export const pow = (a: TensorLike, b: TensorLike): Tensor =>
  binary(
    'pow',
    a,
    b,
    Math.pow,
    (x, y) => (y === 0 ? 0 : y * Math.pow(x, y - 1)),
    (x, _, o) => (o === 0 ? 0 : o * Math.log(x)),
  );
export const maximum = (a: TensorLike, b: TensorLike): Tensor =>
  binary(
    'maximum',
    a,
    b,
    Math.max,
    (x, y) => (x >= y ? 1 : 0),
    (x, y) => (x >= y ? 0 : 1),
  );
