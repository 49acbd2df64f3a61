import { describe, expect, it } from 'vitest';
import { NonFiniteError, TensorError } from '../errors.js';
import { type Tensor, tensor } from '../tensor.js';
import { randn } from '../testing.js';
import { eigh, nuclearNorm, nuclearSubgradient, singularValues, svd, svdRaw, svt } from './index.js';

// Raw row-major helpers, independent of the code under test.
function mm(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) c[i * n + j] += a[i * k + p] * b[p * n + j];
  return c;
}
const tr = (a: ArrayLike<number>, m: number, n: number): Float64Array => Float64Array.from({ length: m * n }, (_, k) => a[(k % m) * n + Math.floor(k / m)]);
const frob = (a: ArrayLike<number>): number => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));
const diff = (a: ArrayLike<number>, b: ArrayLike<number>): Float64Array => Float64Array.from(a, (v, i) => v - b[i]);

/** max |QᵀQ − I| for Q [m, k]. */
function orthError(q: ArrayLike<number>, m: number, k: number): number {
  const g = mm(tr(q, m, k), q, k, m, k);
  return Math.max(0, ...Array.from(g, (v, i) => Math.abs(v - (i % (k + 1) === 0 ? 1 : 0))));
}

/** A random orthogonal n×n matrix: modified Gram–Schmidt, twice, on Gaussian columns. */
function randOrth(n: number, seed: number): Float64Array {
  const q = Float64Array.from(randn([n, n], seed).data);
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < n; j++) {
      for (let p = 0; p < j; p++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += q[i * n + p] * q[i * n + j];
        for (let i = 0; i < n; i++) q[i * n + j] -= d * q[i * n + p];
      }
      let s = 0;
      for (let i = 0; i < n; i++) s += q[i * n + j] ** 2;
      for (let i = 0; i < n; i++) q[i * n + j] /= Math.sqrt(s);
    }
  }
  return q;
}

/** Q1·diag(sigma)·Q2ᵀ for n×n. */
function withSpectrum(sigma: number[], seed: number): Tensor {
  const n = sigma.length;
  const q1 = randOrth(n, seed);
  const q2 = randOrth(n, seed + 1);
  const q1s = Float64Array.from(q1, (v, k) => v * sigma[k % n]);
  return tensor(mm(q1s, tr(q2, n, n), n, n, n), [n, n], { dtype: 'float64' });
}

const logspace = (hi: number, lo: number, n: number): number[] => Array.from({ length: n }, (_, i) => 10 ** (hi + ((lo - hi) * i) / (n - 1)));

/** Checks the SVD identities and returns the factors. */
function checkSvd(a: Tensor, reconTol = 1e-13, orthTol = 1e-13) {
  const [m, n] = a.shape;
  const k = Math.min(m, n);
  const { u, s, v } = svd(a);
  expect(u.shape).toEqual([m, k]);
  expect(s.shape).toEqual([k]);
  expect(v.shape).toEqual([n, k]);
  const us = Float64Array.from(u.data, (x, i) => x * s.data[i % k]);
  const recon = mm(us, tr(v.data, n, k), m, k, n);
  expect(frob(diff(recon, a.data))).toBeLessThanOrEqual(reconTol * Math.max(frob(a.data), Number.MIN_VALUE));
  expect(orthError(u.data, m, k)).toBeLessThan(orthTol);
  expect(orthError(v.data, n, k)).toBeLessThan(orthTol);
  for (let i = 0; i < k; i++) {
    expect(s.data[i]).toBeGreaterThanOrEqual(0);
    if (i > 0) expect(s.data[i]).toBeLessThanOrEqual(s.data[i - 1]);
  }
  return { u, s, v };
}

const shapes = [
  [1, 1],
  [1, 5],
  [5, 1],
  [3, 7],
  [7, 3],
  [10, 10],
  [30, 20],
  [20, 30],
];

describe('svd', () => {
  it('satisfies A = UΣVᵀ, UᵀU = I, VᵀV = I, descending s on random matrices', () => {
    shapes.forEach((shape, k) => checkSvd(randn(shape, 100 + k)));
  });

  it('matches sqrt(eigh(AᵀA)) on well-conditioned matrices', () => {
    [
      [7, 3],
      [3, 7],
      [10, 10],
      [30, 20],
    ].forEach(([m, n], k) => {
      const a = randn([m, n], 200 + k);
      const s = svd(a).s.data;
      const small = Math.min(m, n);
      const gram = m >= n ? mm(tr(a.data, m, n), a.data, n, m, n) : mm(a.data, tr(a.data, m, n), m, n, m);
      const ev = eigh(tensor(gram, [small, small], { dtype: 'float64' })).values.data;
      for (let i = 0; i < small; i++) expect(Math.abs(s[i] - Math.sqrt(ev[small - 1 - i]))).toBeLessThan(1e-12 * s[0]);
    });
  });

  it('is accurate on an ill-conditioned 10×10 (σ from 1 to 1e-12, random orthogonal factors)', () => {
    const sigma = logspace(0, -12, 10);
    const { s } = checkSvd(withSpectrum(sigma, 300));
    // Backward stability bounds the absolute error by ~ε·σ_max.
    sigma.forEach((t, i) => expect(Math.abs(s.data[i] - t)).toBeLessThan(1e-15));
  });

  it('finds tiny singular values of a graded matrix Q·diag(σ) to high relative accuracy', () => {
    // Demmel & Veselić: Jacobi is relatively accurate for A = B·D with B well-conditioned.
    const sigma = logspace(0, -12, 10);
    const q = randOrth(10, 310);
    const a = tensor(
      Float64Array.from(q, (v, k) => v * sigma[k % 10]),
      [10, 10],
      { dtype: 'float64' },
    );
    const { s } = checkSvd(a);
    sigma.forEach((t, i) => expect(Math.abs(s.data[i] - t) / t).toBeLessThan(1e-13));
  });

  it('handles a rank-2 10×10 matrix and the zero matrix with orthonormal U and V', () => {
    const x = randn([10, 2], 320).data;
    const y = randn([2, 10], 321).data;
    const { s } = checkSvd(tensor(mm(x, y, 10, 2, 10), [10, 10], { dtype: 'float64' }));
    for (let i = 2; i < 10; i++) expect(s.data[i]).toBeLessThan(1e-14 * s.data[0]);
    expect(s.data[1]).toBeGreaterThan(1e-3 * s.data[0]);
    for (const shape of [
      [4, 3],
      [3, 4],
      [1, 1],
    ]) {
      const z = checkSvd(tensor(new Float64Array(shape[0] * shape[1]), shape, { dtype: 'float64' }));
      expect(Array.from(z.s.data)).toEqual(new Array(Math.min(...shape)).fill(0));
    }
  });

  it('converges on constant matrices (all ones × ζ, the sparse-recovery init) of every size', () => {
    for (const n of [2, 6, 7, 10, 30]) {
      for (const zeta of [0.2, 1e-6]) {
        const { s } = checkSvd(tensor(new Float64Array(n * n).fill(zeta), [n, n], { dtype: 'float64' }));
        expect(Math.abs(s.data[0] / (n * zeta) - 1)).toBeLessThan(1e-14);
        for (let i = 1; i < n; i++) expect(s.data[i]).toBeLessThan(1e-14 * s.data[0]);
      }
    }
  });

  it('rotates columns of exactly equal norm (ζ = 0, a 45° rotation)', () => {
    const { s } = checkSvd(tensor([2, 1, 1, 2], [2, 2], { dtype: 'float64' }));
    expect(Math.abs(s.data[0] - 3) + Math.abs(s.data[1] - 1)).toBeLessThan(1e-15);
  });

  it('treats a column below ε·‖A‖ as numerically null (here 1e-160 against 1)', () => {
    const { s } = checkSvd(tensor([1, 1e-160, 1, 2e-160], [2, 2], { dtype: 'float64' }));
    expect(Math.abs(s.data[0] - Math.SQRT2)).toBeLessThan(1e-15);
    expect(s.data[1]).toBeLessThan(1e-15 * s.data[0]);
  });

  it('agrees across svd, svdRaw, singularValues, nuclearNorm', () => {
    const a = randn([6, 4], 330);
    const { u, s, v } = svd(a);
    const raw = svdRaw(a.data as Float64Array, 6, 4);
    expect(Array.from(raw.u)).toEqual(Array.from(u.data));
    expect(Array.from(raw.v)).toEqual(Array.from(v.data));
    expect(Array.from(singularValues(a))).toEqual(Array.from(s.data));
    expect(nuclearNorm({ data: a.data, shape: [6, 4] })).toBeCloseTo(
      Array.from(s.data).reduce((p, q) => p + q, 0),
      13,
    );
  });

  it('rejects float32, non-matrices and NaN with errors naming the op', () => {
    expect(() => svd(randn([3, 4], 1, 'float32'))).toThrow('svd: needs a float64 matrix, got float32 [3, 4]');
    expect(() => svd(randn([2, 3, 4], 1))).toThrow('svd: needs a float64 matrix, got float64 [2, 3, 4]');
    expect(() => svdRaw(new Float64Array(5), 2, 3)).toThrow(TensorError);
    const bad = randn([3, 3], 2);
    bad.data[4] = NaN;
    expect(() => nuclearNorm(bad)).toThrow(NonFiniteError);
  });
});

describe('singular-value thresholding and the nuclear subgradient', () => {
  /** U·diag(f(s))·Vᵀ from the full SVD. */
  function direct(a: Tensor, f: (s: number) => number): Float64Array {
    const [m, n] = a.shape;
    const { u, s, v } = svd(a);
    const k = s.size;
    const us = Float64Array.from(u.data, (x, i) => x * f(s.data[i % k]));
    return mm(us, tr(v.data, n, k), m, k, n);
  }

  it('svt equals U·max(Σ − τ, 0)·Vᵀ, is A at τ = 0 and 0 above σ_max', () => {
    [
      [10, 10],
      [3, 7],
      [7, 3],
    ].forEach((shape, k) => {
      const a = randn(shape, 400 + k);
      const s = svd(a).s.data;
      const tau = (s[0] + s[1]) / 2;
      const out = new Float64Array(a.size).fill(7);
      const got = svt(a, tau, out);
      expect(got).toBe(out);
      const want = direct(a, (x) => Math.max(x - tau, 0));
      expect(frob(diff(got, want))).toBeLessThan(1e-13 * frob(want));
      // Above the largest gap only the top singular triple survives: rank one.
      expect(singularValues({ data: got, shape })[1]).toBeLessThan(1e-13);
      expect(frob(diff(svt(a, 0), a.data))).toBeLessThan(1e-13 * frob(a.data));
      expect(frob(svt(a, s[0] * 1.01))).toBe(0);
      const copy = Float64Array.from(a.data);
      svt({ data: copy, shape }, tau, copy);
      expect(Array.from(copy)).toEqual(Array.from(got));
    });
  });

  it('nuclearSubgradient G: ⟨G, A⟩ = ‖A‖_*, and the subgradient inequality holds', () => {
    const rank2 = tensor(mm(randn([8, 2], 410).data, randn([2, 5], 411).data, 8, 2, 5), [8, 5], { dtype: 'float64' });
    for (const a of [randn([10, 10], 412), randn([4, 9], 413), rank2]) {
      const g = nuclearSubgradient(a);
      const inner = Array.from(g).reduce((p, x, i) => p + x * a.data[i], 0);
      expect(Math.abs(inner - nuclearNorm(a))).toBeLessThan(1e-12 * nuclearNorm(a));
      // Singular values of G are 1 on the range of A and 0 elsewhere.
      const sg = singularValues({ data: g, shape: a.shape });
      const rank = a === rank2 ? 2 : Math.min(...a.shape);
      sg.forEach((x, i) => expect(Math.abs(x - (i < rank ? 1 : 0))).toBeLessThan(1e-12));
      // ‖B‖_* ≥ ‖A‖_* + ⟨G, B − A⟩ for any B.
      for (let seed = 0; seed < 5; seed++) {
        const b = randn([...a.shape], 420 + seed);
        const lin = Array.from(g).reduce((p, x, i) => p + x * (b.data[i] - a.data[i]), nuclearNorm(a));
        expect(nuclearNorm(b)).toBeGreaterThanOrEqual(lin - 1e-12);
      }
    }
    expect(frob(nuclearSubgradient(tensor(new Float64Array(6), [2, 3], { dtype: 'float64' })))).toBe(0);
  });

  it('a batch [..., m, n] gives each matrix the bits it gets alone, with one τ per matrix', () => {
    for (const [m, n] of [
      [6, 6],
      [3, 5],
      [5, 3],
    ]) {
      // 11 matrices (a full block of SIMD lanes and a short one), matrix 4 zero.
      const mats = Array.from({ length: 11 }, (_, k) => (k === 4 ? new Float64Array(m * n) : (randn([m, n], 430 + k).data as Float64Array)));
      const batch = { data: Float64Array.from(mats.flatMap((x) => Array.from(x))), shape: [11, 1, m, n] };
      const taus = mats.map((_, k) => 0.1 * k);
      const alone = (f: (a: { data: Float64Array; shape: number[] }, k: number) => Float64Array) =>
        mats.flatMap((x, k) => Array.from(f({ data: x, shape: [m, n] }, k)));
      expect(Array.from(nuclearSubgradient(batch))).toEqual(alone((a) => nuclearSubgradient(a)));
      expect(Array.from(svt(batch, taus))).toEqual(alone((a, k) => svt(a, taus[k])));
    }
    expect(() => svt({ data: new Float64Array(12), shape: [2, 2, 3] }, [0.1, -1])).toThrow('threshold τ must be ≥ 0, got -1');
    expect(() => svt({ data: new Float64Array(12), shape: [2, 2, 3] }, [0.1])).toThrow('1 thresholds for 2 matrices [2, 2, 3]');
    expect(() => nuclearSubgradient({ data: new Float32Array(12), shape: [2, 2, 3] })).toThrow('needs float64 matrices [..., m, n], got float32 [2, 2, 3]');
  });
});

describe('eigh', () => {
  function checkEigh(a: Tensor): Float64Array {
    const n = a.shape[0];
    const { values, vectors } = eigh(a);
    const lam = values.data;
    const av = mm(a.data, vectors.data, n, n, n);
    const vl = Float64Array.from(vectors.data, (x, k) => x * lam[k % n]);
    expect(frob(diff(av, vl))).toBeLessThan(1e-13 * Math.max(frob(a.data), 1));
    expect(orthError(vectors.data, n, n)).toBeLessThan(1e-13);
    for (let i = 1; i < n; i++) expect(lam[i]).toBeGreaterThanOrEqual(lam[i - 1]);
    return Float64Array.from(lam);
  }
  const sym = (n: number, seed: number): Tensor => {
    const x = randn([n, n], seed).data;
    return tensor(
      Float64Array.from(x, (v, k) => (v + x[(k % n) * n + Math.floor(k / n)]) / 2),
      [n, n],
      { dtype: 'float64' },
    );
  };

  it('A V = V Λ, VᵀV = I, ascending, on random symmetric matrices', () => {
    [1, 2, 5, 12, 25].forEach((n, k) => checkEigh(sym(n, 500 + k)));
  });

  it('recovers repeated eigenvalues, and handles 0 and I', () => {
    const lam = [2, -3, 1, 2, 1, 1];
    const q = randOrth(6, 510);
    const a = mm(
      Float64Array.from(q, (v, k) => v * lam[k % 6]),
      tr(q, 6, 6),
      6,
      6,
      6,
    );
    const got = checkEigh(
      tensor(
        Float64Array.from(a, (v, k) => (v + a[(k % 6) * 6 + Math.floor(k / 6)]) / 2),
        [6, 6],
        { dtype: 'float64' },
      ),
    );
    [-3, 1, 1, 1, 2, 2].forEach((t, i) => expect(Math.abs(got[i] - t)).toBeLessThan(1e-14));
    expect(Array.from(checkEigh(tensor(new Float64Array(9), [3, 3], { dtype: 'float64' })))).toEqual([0, 0, 0]);
    expect(Array.from(checkEigh(tensor([1, 0, 0, 1], [2, 2], { dtype: 'float64' })))).toEqual([1, 1]);
    const equalDiagonal = checkEigh(tensor([2, 1, 1, 2], [2, 2], { dtype: 'float64' }));
    expect(Math.abs(equalDiagonal[0] - 1) + Math.abs(equalDiagonal[1] - 3)).toBeLessThan(1e-15);
  });

  it('rejects non-symmetric, non-square and float32 input', () => {
    expect(() => eigh(tensor([1, 2, 3, 4], [2, 2], { dtype: 'float64' }))).toThrow(/eigh: matrix \[2, 2\] is not symmetric/);
    expect(() => eigh(randn([2, 3], 1))).toThrow('eigh: needs a square float64 matrix, got float64 [2, 3]');
    expect(() => eigh(randn([3, 3], 1, 'float32'))).toThrow('eigh: needs a square float64 matrix, got float32 [3, 3]');
  });
});
