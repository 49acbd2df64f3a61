// Test support for the backends' kernel tests (wasm.test.ts, native.test.ts): seeded operands
// in awkward places, and comparisons against the js reference with per-element error bounds.
// Failures throw plain Errors (no test-runner import: this module is compiled with the rest).
import type { Activation, AttentionShape, Backend, FloatArray, GemmArgs } from './backend.js';
import { jsBackend } from './js/index.js';
import { leastSquaresVia } from './js/least-squares.js';

export type Dtype = 'f32' | 'f64';
export const DTYPES: Dtype[] = ['f32', 'f64'];
/** |backend − js| ≤ REL · (Σ_k |a||b| + |c|) + ABS for gemm; REL · scale for the fused kernels. */
export const REL: Record<Dtype, number> = { f32: 1e-6, f64: 1e-12 };
export const ABS = 1e-30;

/** mulberry32: a tiny seeded PRNG, so every run sees the same numbers. */
export function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `length` uniform values in [lo, hi), as a subarray that starts 3 elements into a larger
 * buffer (an odd byteOffset, not vector-aligned) with 2 spare elements at the end.
 */
export function randomArray(dtype: Dtype, length: number, next: () => number, lo = -1, hi = 1): FloatArray {
  const whole = dtype === 'f32' ? new Float32Array(length + 5) : new Float64Array(length + 5);
  for (let i = 0; i < whole.length; i++) whole[i] = lo + (hi - lo) * next();
  return whole.subarray(3, 3 + length);
}

/** An independent copy of x, including the parent buffer around it. */
export function clone<T extends FloatArray>(x: T): T {
  const whole = x instanceof Float32Array ? new Float32Array(x.buffer.slice(0)) : new Float64Array(x.buffer.slice(0));
  return whole.subarray(x.byteOffset / x.BYTES_PER_ELEMENT, x.byteOffset / x.BYTES_PER_ELEMENT + x.length) as T;
}

/** The whole parent buffer of x, to check that nothing outside x was touched. */
export function parent(x: FloatArray): FloatArray {
  return x instanceof Float32Array ? new Float32Array(x.buffer) : new Float64Array(x.buffer);
}

/** Throws unless |actual[i] − expected[i]| ≤ bound(i) everywhere (NaN matches NaN). */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, bound: (i: number) => number, what: string): void {
  if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} elements, expected ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    const err = Math.abs(actual[i] - expected[i]);
    if (!(err <= bound(i)) && !(Number.isNaN(actual[i]) && Number.isNaN(expected[i]))) {
      throw new Error(`${what}, element ${i}: ${actual[i]} vs js ${expected[i]} (|Δ| = ${err}, allowed ${bound(i)})`);
    }
  }
}

export type GemmCase = Omit<GemmArgs, 'a' | 'b' | 'c'> & { dtype: Dtype; seed: number };

/** Runs one gemm on `backend` and on js and compares all of C's parent buffer. */
export function checkGemm(backend: Backend, label: string, { dtype, seed, ...shape }: GemmCase): void {
  const { m, n, k, batch, strideA, strideB, strideC } = shape;
  const next = mulberry32(seed);
  const size = (stride: number, one: number) => (batch - 1) * stride + one;
  const a = randomArray(dtype, size(strideA, m * k), next);
  const b = randomArray(dtype, size(strideB, k * n), next);
  const c = randomArray(dtype, size(strideC, m * n), next);
  const expected = clone(c);
  const actual = clone(c);
  jsBackend.gemm({ ...shape, a, b, c: expected });
  backend.gemm({ ...shape, a, b, c: actual });
  // Error bound per element: the same product over |A|, |B| (and |C| when accumulating).
  const abs = (x: FloatArray) => x.map(Math.abs) as FloatArray;
  const bound = abs(c);
  jsBackend.gemm({ ...shape, a: abs(a), b: abs(b), c: bound });
  const offset = c.byteOffset / c.BYTES_PER_ELEMENT;
  const { transA, transB, accumulate } = shape;
  expectClose(
    parent(actual),
    parent(expected),
    (i) => {
      const j = i - offset;
      return j >= 0 && j < bound.length ? REL[dtype] * bound[j] + ABS : 0;
    },
    `${label} ${dtype} ${m}×${k}×${n} transA ${transA} transB ${transB} accumulate ${accumulate} batch ${batch}`,
  );
}

/** [batch, heads, dHead, queries, keys]: one key, one query of many, heads of odd widths, long rows. */
export const ATTENTION_SHAPES: [number, number, number, number, number][] = [
  [1, 1, 1, 1, 1],
  [2, 3, 5, 3, 3],
  [3, 4, 32, 1, 3],
  [5, 2, 7, 4, 9],
  [2, 1, 33, 17, 17],
  [1, 2, 16, 1, 40],
];

/**
 * attention and its backward on `backend` against js, causal and not; every output's parent
 * buffer is compared, so a write outside the arrays fails too. Scores and softmax run in f64
 * on both, so the error is the rounding of the dot products: bounded through |q|, |k|, |v|.
 */
export function checkAttention(backend: Backend, label: string, dtype: Dtype): void {
  for (const [batch, heads, dHead, queries, keys] of ATTENTION_SHAPES) {
    for (const causal of [true, false]) {
      const next = mulberry32(batch * 7919 + heads * 131 + dHead * 17 + queries * 5 + keys + (causal ? 1 : 0));
      const shape: AttentionShape = { batch, heads, dHead, queries, keys, scale: 1 / Math.sqrt(dHead), causal };
      const width = heads * dHead;
      const [q, dz] = [0, 1].map(() => randomArray(dtype, batch * queries * width, next, -2, 2));
      const [k, v] = [0, 1].map(() => randomArray(dtype, batch * keys * width, next, -2, 2));
      // Outputs start as garbage: the kernels must overwrite every element.
      const outputs = () =>
        [batch * queries * width, batch * heads * queries * keys, batch * queries * width, batch * keys * width, batch * keys * width].map((n) =>
          randomArray(dtype, n, next),
        );
      const want = outputs();
      const got = want.map(clone);
      const [z, p, dq, dk, dv] = [0, 1, 2, 3, 4];
      jsBackend.attention(shape, q, k, v, want[z], want[p]);
      backend.attention(shape, q, k, v, got[z], got[p]);
      // Both backwards read js's weights, so each output is compared on its own.
      jsBackend.attentionBackward(shape, q, k, v, want[p], dz, want[dq], want[dk], want[dv]);
      backend.attentionBackward(shape, q, k, v, want[p], dz, got[dq], got[dk], got[dv]);
      // |q|, |k|, |v|, |dz| ≤ 2 and p ≤ 1: every output is a sum of at most keys·dHead·(a few) such products.
      const bound = 16 * REL[dtype] * keys * dHead + ABS;
      const what = `${label} ${dtype} attention [${batch}, ${heads}, ${dHead}, ${queries}, ${keys}]${causal ? ' causal' : ''}`;
      ['z', 'p', 'dq', 'dk', 'dv'].forEach((name, i) => expectClose(parent(got[i]), parent(want[i]), () => bound, `${what} ${name}`));
    }
  }
}

/** [rows, cols]: one element, a row shorter than the kernels' 8 lanes, a lane tail, the transformers' width. */
export const LAYER_NORM_SHAPES: [number, number][] = [
  [1, 1],
  [3, 5],
  [7, 19],
  [64, 128],
];

/**
 * layerNorm and its backward on `backend` against js; every output's parent buffer is compared,
 * so a write outside the arrays fails too. Both widen to f64 and round each output once; only
 * the order of the row sums differs, so they agree to a rounding or two.
 */
export function checkLayerNorm(backend: Backend, label: string, dtype: Dtype): void {
  for (const [rows, cols] of LAYER_NORM_SHAPES) {
    const next = mulberry32(rows * 1009 + cols);
    // An offset and a spread per row, so the mean matters and rows differ in scale.
    const x = randomArray(dtype, rows * cols, next, -2, 2);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) x[i * cols + j] = 3 * (i % 5) + (1 + (i % 3)) * x[i * cols + j];
    const [gamma, beta] = [0, 1].map(() => randomArray(dtype, cols, next, -2, 2));
    const gradOut = randomArray(dtype, rows * cols, next, -2, 2);
    // Outputs start as garbage: the kernels must overwrite every element.
    const outputs = () => [rows * cols, rows * cols, cols, cols].map((n) => randomArray(dtype, n, next));
    const stats = () => randomArray('f64', 2 * rows, next) as Float64Array;
    const want = { out: outputs(), stats: stats() };
    const got = { out: want.out.map(clone), stats: clone(want.stats) };
    const [y, dx, dGamma, dBeta] = [0, 1, 2, 3];
    jsBackend.layerNorm(x, gamma, beta, rows, cols, 1e-5, want.out[y], want.stats);
    backend.layerNorm(x, gamma, beta, rows, cols, 1e-5, got.out[y], got.stats);
    // Both backwards read js's stats, so each output is compared on its own.
    jsBackend.layerNormBackward(x, gamma, want.stats, gradOut, rows, cols, want.out[dx], want.out[dGamma], want.out[dBeta]);
    backend.layerNormBackward(x, gamma, want.stats, gradOut, rows, cols, got.out[dx], got.out[dGamma], got.out[dBeta]);
    // The f64 results differ in their last bits at most, so each output is within a rounding or two.
    const near = (want: FloatArray) => (i: number) => 4 * REL[dtype] * (1 + Math.abs(want[i])) + ABS;
    const what = `${label} ${dtype} layerNorm [${rows}, ${cols}]`;
    expectClose(parent(got.stats), parent(want.stats), near(parent(want.stats)), `${what} stats`);
    ['out', 'dx', 'dGamma', 'dBeta'].forEach((name, i) => expectClose(parent(got.out[i]), parent(want.out[i]), near(parent(want.out[i])), `${what} ${name}`));
  }
}

/** [length, periodA, periodB]: equal operands, a bias either side, scalars, a single element. */
export const TILED_SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [7, 7, 1],
  [7, 1, 7],
  [600, 600, 600],
  [600, 600, 5],
  [600, 3, 600],
  [1000, 1000, 1],
  [1000, 1, 1000],
  [4704, 4704, 96],
  [4704, 1568, 98],
  [4704, 49, 4704],
];

/** tiled (every op, out fresh and aliased to an operand), scatterAdd, gather, sumAxis and copyRows on `backend`, bit for bit against js. */
export function checkElementwise(backend: Backend, label: string, dtype: Dtype): void {
  const same = (got: ArrayLike<number>, want: ArrayLike<number>, what: string) => expectClose(got, want, () => 0, `${label} ${dtype} ${what}`);
  for (const [n, pa, pb] of TILED_SHAPES) {
    const next = mulberry32(n * 31 + pa * 7 + pb);
    const a = randomArray(dtype, pa, next, 0.5, 2);
    const b = randomArray(dtype, pb, next, 0.5, 2);
    for (const op of ['add', 'sub', 'mul', 'div'] as const) {
      const want = randomArray(dtype, n, next);
      const got = clone(want);
      jsBackend.tiled(op, a, pa, b, pb, want);
      backend.tiled(op, a, pa, b, pb, got);
      same(parent(got), parent(want), `tiled ${op} ${n} elements, periods ${pa} and ${pb}`);
      if (pa === n) {
        const inPlace = clone(a);
        backend.tiled(op, inPlace, pa, b, pb, inPlace);
        same(inPlace, want, `tiled ${op} in place over a, ${n} elements`);
      }
    }
  }
  // [outer, len, inner, count]: repeated indices, one row, a take along a middle axis.
  for (const [outer, len, inner, count] of [
    [1, 1, 1, 1],
    [1, 97, 128, 512],
    [1, 5, 3, 40],
    [3, 7, 5, 11],
    [4, 2, 1, 600],
  ]) {
    const next = mulberry32(outer * 1000 + len * 10 + count);
    const index = Int32Array.from({ length: count }, () => Math.floor(next() * len));
    const g = randomArray(dtype, outer * count * inner, next);
    const want = randomArray(dtype, outer * len * inner, next);
    const got = clone(want);
    jsBackend.scatterAdd(g, index, outer, len, inner, want);
    backend.scatterAdd(g, index, outer, len, inner, got);
    same(parent(got), parent(want), `scatterAdd [${outer}, ${len}, ${inner}] ← ${count} rows`);
    const picked = randomArray(dtype, outer * count * inner, next);
    const expected = clone(picked);
    jsBackend.gather(want, index, outer, len, inner, expected);
    backend.gather(want, index, outer, len, inner, picked);
    same(parent(picked), parent(expected), `gather ${count} rows of [${outer}, ${len}, ${inner}]`);
  }
  // [outer, len, inner]: a total, a column sum (a bias gradient), a middle axis, an empty axis.
  for (const [outer, len, inner] of [
    [1, 1, 1],
    [1, 3830, 384],
    [1, 600, 1],
    [7, 13, 11],
    [3, 0, 200],
  ]) {
    const next = mulberry32(outer * 100 + len + inner);
    const x = randomArray(dtype, outer * len * inner, next);
    const want = randomArray(dtype, outer * inner, next);
    const got = clone(want);
    jsBackend.sumAxis(x, outer, len, inner, want);
    backend.sumAxis(x, outer, len, inner, got);
    same(parent(got), parent(want), `sumAxis [${outer}, ${len}, ${inner}]`);
  }
  // [rows, width, srcStride, dstStride]: a column block out of wider rows and into them.
  for (const [rows, width, srcStride, dstStride] of [
    [1, 1, 1, 1],
    [512, 128, 128, 256],
    [512, 128, 256, 128],
    [3, 700, 900, 701],
    [40, 13, 13, 13],
  ]) {
    const next = mulberry32(rows * 7 + width);
    const src = randomArray(dtype, (rows - 1) * srcStride + width, next);
    const want = randomArray(dtype, (rows - 1) * dstStride + width, next);
    const got = clone(want);
    jsBackend.copyRows(src, srcStride, want, dstStride, rows, width);
    backend.copyRows(src, srcStride, got, dstStride, rows, width);
    same(parent(got), parent(want), `copyRows ${rows} × ${width}, strides ${srcStride} → ${dstStride}`);
  }
}

/** The same values at other byte offsets (a subarray one element in) give the same bits. */
export function checkOffsetDeterminism(backend: Backend, [m, k, n]: [number, number, number]): void {
  const next = mulberry32(7);
  const a = randomArray('f32', m * k, next);
  const b = randomArray('f32', k * n, next);
  const args = { transA: false, transB: true, m, n, k, accumulate: false, batch: 1, strideA: 0, strideB: 0, strideC: 0 };
  const c1 = new Float32Array(m * n);
  const c2 = new Float32Array(m * n + 1).subarray(1);
  backend.gemm({ ...args, a, b, c: c1 });
  backend.gemm({ ...args, a: Float32Array.from(a), b: Float32Array.from(b), c: c2 });
  expectSameValues(c2, c1, `${backend.name} gemm at an offset`);
}

/** Element by element the same values (Object.is: NaN equals NaN, −0 differs from +0). */
export function expectSameValues(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} elements, expected ${expected.length}`);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) throw new Error(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]}`);
  }
}

/** biasActivation equals js bit for bit, into a separate output (guard elements untouched) and in place. */
export function checkBiasActivation(backend: Backend, x: FloatArray, bias: FloatArray | null, rows: number, cols: number, act: Activation): void {
  const what = `${backend.name} biasActivation ${rows}×${cols} ${act}${bias ? ' + bias' : ''}`;
  const expected = clone(x);
  jsBackend.biasActivation(x, bias, rows, cols, act, expected);
  const actual = clone(x);
  backend.biasActivation(x, bias, rows, cols, act, actual);
  expectSameValues(parent(actual), parent(expected), what);
  const inPlace = clone(x);
  backend.biasActivation(inPlace, bias, rows, cols, act, inPlace);
  expectSameValues(inPlace, expected, `${what}, in place`);
}

/** [members, rows, cols]: one and many members, the Tikeng sparse-recovery size, degenerate sides. */
export const LEAST_SQUARES_SHAPES: [number, number, number][] = [
  [1, 30, 100],
  [36, 30, 100],
  [3, 1, 7],
  [5, 50, 2],
  [2, 13, 1],
];

/**
 * leastSquares over [members, rows, cols] equals the backend's own two GEMMs around the
 * residual loop bit for bit (one call changes no arithmetic) and js to rounding, and writes
 * nothing outside its outputs.
 */
export function checkLeastSquares(backend: Backend, [members, rows, cols]: [number, number, number]): void {
  const what = `${backend.name} leastSquares ${members}×${rows}×${cols}`;
  const next = mulberry32(members * 1000 + rows * 10 + cols);
  const theta = randomArray('f64', members * cols, next) as Float64Array;
  const x = randomArray('f64', rows * cols, next) as Float64Array;
  const y = randomArray('f64', rows, next) as Float64Array;
  const names = ['residual', 'grad', 'losses'];
  const run = (ls: Backend['leastSquares']) => {
    const out = [members * rows, members * cols, members].map((n) => randomArray('f64', n, next) as Float64Array);
    const before = out.map((o) => Array.from(parent(o)));
    ls(theta, x, y, members, rows, cols, out[0], out[1], out[2]);
    out.forEach((o, i) => {
      const whole = parent(o);
      const guards = [0, 1, 2, whole.length - 2, whole.length - 1];
      expectSameValues(
        guards.map((g) => whole[g]),
        guards.map((g) => before[i][g]),
        `${what} ${names[i]}: elements outside it`,
      );
    });
    return out;
  };
  const actual = run(backend.leastSquares);
  const composed = run(leastSquaresVia((args) => backend.gemm(args)));
  const reference = run(jsBackend.leastSquares);
  actual.forEach((a, i) => {
    expectSameValues(a, composed[i], `${what} ${names[i]} vs its own gemm`);
    const scale = Math.max(1, ...Array.from(reference[i], Math.abs));
    expectClose(a, reference[i], () => REL.f64 * cols * rows * scale, `${what} ${names[i]}`);
  });
}

/**
 * scaleBlocks equals js bit for bit in every mode, over one block and many, with zero scales,
 * zeros, −0 and NaN among the inputs, and in place for 'scale' (out = x).
 */
export function checkScaleBlocks(backend: Backend, dtype: Dtype): void {
  const next = mulberry32(dtype === 'f32' ? 11 : 12);
  for (const [blocks, size] of [
    [1, 700],
    [36, 100],
    [3, 1001],
    [5, 3],
  ]) {
    const scales = Float64Array.from({ length: blocks }, (_, e) => (e % 3 === 1 ? 0 : (next() - 0.5) * 10 ** (-6 * next())));
    const x = randomArray(dtype, blocks * size, next);
    [0, 5, 17].forEach((i, k) => (x[i] = [0, -0, NaN][k]));
    for (const mode of ['scale', 'axpy', 'sign'] as const) {
      const what = `${backend.name} scaleBlocks ${mode} ${blocks}×${size} ${dtype}`;
      const out = randomArray(dtype, blocks * size, next);
      const expected = clone(out);
      jsBackend.scaleBlocks(mode, scales, x, expected);
      const actual = clone(out);
      backend.scaleBlocks(mode, scales, x, actual);
      expectSameValues(parent(actual), parent(expected), what);
    }
    const inPlace = clone(x);
    const expected = clone(x);
    jsBackend.scaleBlocks('scale', scales, expected, expected);
    backend.scaleBlocks('scale', scales, inPlace, inPlace);
    expectSameValues(parent(inPlace), parent(expected), `${backend.name} scaleBlocks in place ${dtype}`);
  }
}

/**
 * jacobiSweeps equals js bit for bit (columns, rotations, sweep counts) on batches of square,
 * tall, rank-deficient and zero matrices — batch sizes that fill SIMD lanes and leave a short
 * block — with and without v, and reports −1 for the matrices whose sweeps run out.
 */
export function checkJacobiSweeps(backend: Backend): void {
  const next = mulberry32(21);
  for (const [r, c, batch] of [
    [10, 10, 11],
    [500, 100, 2],
    [64, 64, 3],
    [7, 3, 9],
    [1, 1, 4],
    [9, 2, 5],
    [6, 6, 1],
  ]) {
    const what = `${backend.name} jacobiSweeps ${batch} × ${r}×${c}`;
    const size = r * c;
    const w = new Float64Array(batch * size);
    const negligible = new Float64Array(batch);
    for (let k = 0; k < batch; k++) {
      // W = L·R with L r × rank and R rank × c (matrix 1 is zero), scaled to max |w| = 1 as svd.ts does
      const rank = k === 1 ? 0 : 1 + (k % c);
      const [left, right] = [randomArray('f64', r * rank, next), randomArray('f64', rank * c, next)];
      const m = w.subarray(k * size, (k + 1) * size);
      for (let j = 0; j < c; j++) for (let i = 0; i < r; i++) for (let q = 0; q < rank; q++) m[j * r + i] += left[i * rank + q] * right[q * c + j];
      const max = m.reduce((a, x) => Math.max(a, Math.abs(x)), 0);
      if (max > 0) for (let i = 0; i < size; i++) m[i] /= max;
      negligible[k] = 2 ** -104 * m.reduce((a, x) => a + x * x, 0);
    }
    const identity = () => Float64Array.from({ length: batch * c * c }, (_, i) => ((i % (c * c)) % (c + 1) === 0 ? 1 : 0));
    const tol = r * 2 ** -52;
    const run = (b: Backend, v: Float64Array | null, maxSweeps = 60) => {
      const [cols, sweeps] = [Float64Array.from(w), new Int32Array(batch)];
      b.jacobiSweeps(cols, batch, r, c, v, tol, negligible, maxSweeps, sweeps);
      return { cols, sweeps };
    };
    const [vj, vb] = [identity(), identity()];
    const [want, got] = [run(jsBackend, vj), run(backend, vb)];
    if (want.sweeps.some((s) => s < 1)) throw new Error(`${what}: js took ${want.sweeps.join(', ')} sweeps`);
    expectSameValues(got.sweeps, want.sweeps, `${what} sweeps`);
    expectSameValues(got.cols, want.cols, `${what} columns`);
    expectSameValues(vb, vj, `${what} rotations`);
    expectSameValues(run(backend, null).cols, want.cols, `${what} columns without v`);
    const once = run(backend, null, 1).sweeps;
    want.sweeps.forEach((s, k) => {
      if (s > 1 !== (once[k] === -1)) throw new Error(`${what}: matrix ${k} took ${s} sweeps, and one sweep reported ${once[k]}`);
    });
  }
}

/** [steps, rows, hidden]: one row, a hidden size off any vector width, the IMDb quick and full sizes. */
const LSTM_SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [3, 3, 7],
  [3, 50, 32],
  [2, 4, 256],
  [2, 50, 256],
];

/**
 * lstmForward and lstmBackward on `backend` against js. With W_hh = 0 the steps meet only
 * through the cells, so every output agrees to the rounding of the nonlinearities: the
 * pre-activations reach ±30 (saturated gates) and 1e-9 (tanh's small-argument range). With a
 * random W_hh (PyTorch's scale, U(±1/√hidden)) the GEMMs' summation orders differ too, and the
 * bound grows with the products' length.
 */
export function checkLstm(backend: Backend, label: string, dtype: Dtype): void {
  for (const [steps, rows, hidden] of LSTM_SHAPES) {
    for (const recurrent of [false, true]) {
      const next = mulberry32(steps * 7919 + rows * 131 + hidden + (recurrent ? 1 : 0));
      const [G, size] = [steps * rows * 4 * hidden, steps * rows * hidden];
      const projected = randomArray(dtype, G, next, -4, 4);
      for (const t of [0, steps - 1]) {
        const at = t * rows * 4 * hidden;
        projected[at] = 30;
        if (4 * hidden > 2) (projected[at + 1] = -30), (projected[at + 2] = 1e-9);
      }
      const bound = 1 / Math.sqrt(hidden);
      const whh = recurrent ? randomArray(dtype, 4 * hidden * hidden, next, -bound, bound) : randomArray(dtype, 4 * hidden * hidden, next, 0, 0);
      const dOut = randomArray(dtype, size, next, -2, 2);
      // Outputs start as garbage: the kernels must overwrite every element.
      const outputs = () => [size, size, G].map((n) => randomArray(dtype, n, next));
      const want = { acts: clone(projected), out: outputs() };
      const got = { acts: clone(projected), out: want.out.map(clone) };
      const [cells, hs, dGates] = [0, 1, 2];
      jsBackend.lstmForward(want.acts, whh, steps, rows, hidden, want.out[cells], want.out[hs]);
      backend.lstmForward(got.acts, whh, steps, rows, hidden, got.out[cells], got.out[hs]);
      // Both backwards read js's activations and cells, so each output is compared on its own.
      jsBackend.lstmBackward(want.acts, want.out[cells], whh, dOut, steps, rows, hidden, want.out[dGates]);
      backend.lstmBackward(want.acts, want.out[cells], whh, dOut, steps, rows, hidden, got.out[dGates]);
      // Activations lie in [−1, 1], cells within steps, gradients within a few times |dOut| per
      // step: a few roundings of values ≤ 16 per step, and with W_hh sums of 4·hidden terms.
      const tolerance = 16 * steps * REL[dtype] * (recurrent ? 4 * hidden : 1) + ABS;
      const what = `${label} ${dtype} lstm [${steps}, ${rows}, ${hidden}]${recurrent ? '' : ' without W_hh'}`;
      expectClose(parent(got.acts), parent(want.acts), () => tolerance, `${what} activations`);
      ['cells', 'hs', 'dGates'].forEach((name, i) => expectClose(parent(got.out[i]), parent(want.out[i]), () => tolerance, `${what} ${name}`));
    }
  }
}
