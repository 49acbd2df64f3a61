import { describe, expect, it } from 'vitest';
import { NonFiniteError } from '../errors.js';
import { gradcheck } from '../gradcheck.js';
import { type Tensor, tensor } from '../tensor.js';
import { randn, uniform, weightsFor } from '../testing.js';
import * as T from '../index.js';
import { cholesky, choleskySolve, eigh, logdet, logdetFromCholesky, solveTriangular } from './index.js';

const TOL = 1e-6;
const f64 = (data: ArrayLike<number>, shape: number[]): Tensor => tensor(data, shape, { dtype: 'float64' });

function check(name: string, f: (...xs: Tensor[]) => Tensor, inputs: Tensor[]): void {
  const { maxError, worst } = gradcheck(f, inputs, weightsFor(name));
  expect(maxError, `${name}: worst ${JSON.stringify(worst)}`).toBeLessThan(TOL);
}

function mm(a: ArrayLike<number>, b: ArrayLike<number>, m: number, k: number, n: number): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) c[i * n + j] += a[i * k + p] * b[p * n + j];
  return c;
}
const tr = (a: ArrayLike<number>, n: number): Float64Array => Float64Array.from({ length: n * n }, (_, k) => a[(k % n) * n + Math.floor(k / n)]);
const frob = (a: ArrayLike<number>): number => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));
const relDiff = (a: ArrayLike<number>, b: ArrayLike<number>): number => frob(Float64Array.from(a, (v, i) => v - b[i])) / frob(b);

const eye = (n: number): Tensor =>
  f64(
    Float64Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0)),
    [n, n],
  );
/** A = B·Bᵀ + n·I: symmetric positive definite for any B. */
const spdOf = (b: Tensor): Tensor => T.add(T.matmul(b, b, { transB: true }), T.mul(eye(b.shape[0]), b.shape[0]));
/** A = (X + Xᵀ)/2 + (n + 3)·I: symmetric, and positive definite for Gaussian X of these sizes. */
const symOf = (x: Tensor): Tensor => T.add(T.mul(T.add(x, T.transpose(x)), 0.5), T.mul(eye(x.shape[0]), x.shape[0] + 3));
const spd = (n: number, seed: number): Tensor => T.noGrad(() => spdOf(randn([n, n], seed)));

/** Q·diag(λ)·Qᵀ with a random orthogonal Q (from eigh of a random symmetric matrix), symmetrized exactly. */
function withEigenvalues(lambda: number[], seed: number): Tensor {
  const n = lambda.length;
  const q = eigh(symOf(randn([n, n], seed))).vectors.data;
  const a = mm(
    Float64Array.from(q, (v, k) => v * lambda[k % n]),
    tr(q, n),
    n,
    n,
    n,
  );
  return f64(
    Float64Array.from(a, (v, k) => (v + a[(k % n) * n + Math.floor(k / n)]) / 2),
    [n, n],
  );
}

const sizes = [1, 2, 4, 7];

describe('cholesky', () => {
  it('L is lower triangular with positive diagonal and L·Lᵀ = A', () => {
    const cases = [...sizes.map((n, k) => spd(n, 10 + k)), withEigenvalues([1, 1e-2, 1e-4, 1e-6, 1e-8, 1e-10], 20)];
    for (const a of cases) {
      const n = a.shape[0];
      const l = cholesky(a).data;
      for (let i = 0; i < n; i++) {
        expect(l[i * n + i]).toBeGreaterThan(0);
        for (let j = i + 1; j < n; j++) expect(l[i * n + j]).toBe(0);
      }
      expect(relDiff(mm(l, tr(l, n), n, n, n), a.data)).toBeLessThan(1e-15);
    }
  });

  it('names the failing pivot for matrices that are not positive definite', () => {
    expect(() => cholesky(f64([1, 2, 2, 1], [2, 2]))).toThrow(/^cholesky: matrix \[2, 2\] is not positive definite: pivot 1 is -3\.000e\+0/);
    expect(() => cholesky(f64([-1, 0, 0, 1], [2, 2]))).toThrow('pivot 0');
    expect(() => cholesky(f64(new Array(9).fill(1), [3, 3]))).toThrow('pivot 1 is 0');
    expect(() => logdet(withEigenvalues([1, 0.5, -1e-3], 30))).toThrow(/logdet: matrix \[3, 3\] is not positive definite: pivot 2/);
  });

  it('rejects float32, non-square, non-symmetric and NaN input', () => {
    expect(() => cholesky(randn([3, 4], 1, 'float32'))).toThrow('cholesky: needs a square float64 matrix, got float32 [3, 4]');
    expect(() => cholesky(randn([3, 4], 1))).toThrow('cholesky: needs a square float64 matrix, got float64 [3, 4]');
    expect(() => cholesky(f64([2, 1, 0, 2], [2, 2]))).toThrow('cholesky: matrix [2, 2] is not symmetric');
    const bad = spd(3, 2);
    bad.data[4] = NaN;
    expect(() => cholesky(bad)).toThrow(NonFiniteError);
  });

  it('gradient through A = B·Bᵀ + nI and A = (X + Xᵀ)/2 + nI', () => {
    sizes.forEach((n, k) => {
      check(`chol-bbt${n}`, (b) => cholesky(spdOf(b)), [randn([n, n], 40 + k)]);
      check(`chol-sym${n}`, (x) => cholesky(symOf(x)), [randn([n, n], 50 + k)]);
    });
  });

  it('gradient w.r.t. A itself is symmetric and matches symmetric directional derivatives', () => {
    const n = 5;
    const a = spd(n, 60);
    const w = weightsFor('chol-direct')(n * n);
    const objective = (m: Tensor) => T.sum(T.mul(cholesky(m), f64(w, [n, n])));
    a.requiresGrad = true;
    objective(a).backward();
    const g = a.grad!.data;
    expect(relDiff(g, tr(g, n))).toBe(0);
    const e = symOf(randn([n, n], 61)).data;
    const h = 1e-6;
    const at = (s: number) =>
      T.noGrad(() =>
        objective(
          f64(
            Float64Array.from(a.data, (v, i) => v + s * h * e[i]),
            [n, n],
          ),
        ),
      ).item();
    const numeric = (at(1) - at(-1)) / (2 * h);
    const analytic = Array.from(g).reduce((s, v, i) => s + v * e[i], 0);
    expect(Math.abs(analytic - numeric)).toBeLessThan(1e-7 * Math.max(1, Math.abs(numeric)));
  });
});

describe('solveTriangular', () => {
  /** A well-conditioned triangle-bearing matrix: both triangles random, diagonal in [1, 2]. */
  function tri(n: number, seed: number): Tensor {
    const t = randn([n, n], seed);
    const d = uniform([n], seed + 1, 1, 2).data;
    for (let i = 0; i < n; i++) t.data[i * n + i] = d[i] * (i % 2 === 0 ? 1 : -1);
    return t;
  }
  /** The matrix op(T) actually solved with, made explicit. */
  function opOf(t: Tensor, lower: boolean, transpose: boolean, unit: boolean): Float64Array {
    const n = t.shape[0];
    const m = Float64Array.from(t.data, (v, k) => {
      const [i, j] = [Math.floor(k / n), k % n];
      return i === j ? (unit ? 1 : v) : (lower ? i > j : i < j) ? v : 0;
    });
    return transpose ? tr(m, n) : m;
  }
  const flags = [false, true].flatMap((lower) =>
    [false, true].flatMap((transpose) => [false, true].map((unitDiagonal) => ({ lower, transpose, unitDiagonal }))),
  );

  it('solves op(T) x = b for every flag combination, reading only the chosen triangle', () => {
    flags.forEach((opts, k) => {
      for (const [n, bShape] of [
        [1, [1]],
        [4, [4]],
        [5, [5, 3]],
      ] as [number, number[]][]) {
        const t = tri(n, 70 + k);
        const b = randn(bShape, 80 + k);
        const x = solveTriangular(t, b, opts);
        expect(x.shape).toEqual(bShape);
        const cols = bShape[1] ?? 1;
        expect(relDiff(mm(opOf(t, opts.lower, opts.transpose, opts.unitDiagonal), x.data, n, n, cols), b.data)).toBeLessThan(1e-14);
        // Garbage in the unused triangle (and on a unit diagonal) must not change the answer.
        const noisy = f64(
          Float64Array.from(t.data, (v, i) => {
            const [r, c] = [Math.floor(i / n), i % n];
            const used = r === c ? !opts.unitDiagonal : opts.lower ? r > c : r < c;
            return used ? v : 1e3;
          }),
          [n, n],
        );
        expect(Array.from(solveTriangular(noisy, b, opts).data)).toEqual(Array.from(x.data));
      }
    });
  });

  it('gradients w.r.t. T and b for every flag combination', () => {
    flags.forEach((opts, k) => {
      for (const [n, bShape] of [
        [1, [1]],
        [3, [3]],
        [4, [4, 2]],
        [1, [1, 3]],
      ] as [number, number[]][]) {
        check(`trsv${k}-${n}-${bShape.length}`, (t, b) => solveTriangular(t, b, opts), [tri(n, 90 + k), randn(bShape, 95 + k)]);
      }
    });
  });

  it('rejects a singular triangle and mismatched right-hand sides', () => {
    expect(() => solveTriangular(f64([1, 0, 3, 0], [2, 2]), randn([2], 1))).toThrow('solveTriangular: T [2, 2] is singular: diagonal element 1 is 0');
    expect(() => solveTriangular(randn([3, 3], 1), randn([2], 1))).toThrow(
      'solveTriangular: needs a float64 right-hand side [3] or [3, k] for T [3, 3], got float64 [2]',
    );
    expect(() => solveTriangular(randn([3, 3], 1, 'float32'), randn([3], 1))).toThrow('float32 [3, 3]');
  });
});

describe('choleskySolve and log-determinants', () => {
  it('choleskySolve solves (L·Lᵀ) x = b', () => {
    for (const [n, bShape] of [
      [1, [1]],
      [5, [5]],
      [6, [6, 3]],
    ] as [number, number[]][]) {
      const a = spd(n, 100 + n);
      const b = randn(bShape, 110 + n);
      const x = choleskySolve(cholesky(a), b);
      expect(relDiff(mm(a.data, x.data, n, n, bShape[1] ?? 1), b.data)).toBeLessThan(1e-14);
    }
  });

  it('choleskySolve gradients w.r.t. L, b, and through cholesky', () => {
    sizes.forEach((n, k) => {
      const l = cholesky(spd(n, 120 + k));
      check(`cholsolve${n}`, choleskySolve, [l, randn([n, 2], 125 + k)]);
      check(`cholsolve-chol${n}`, (x, b) => choleskySolve(cholesky(symOf(x)), b), [randn([n, n], 130 + k), randn([n], 135 + k)]);
    });
  });

  it('logdet equals Σ log eigenvalues, also at condition number 1e10; its gradient is A⁻¹', () => {
    const sumLog = (v: ArrayLike<number>) => Array.from(v).reduce((s, x) => s + Math.log(x), 0);
    // [A, exact log det, tolerance for log det, tolerance for ‖A⁻¹·A − I‖]. Both errors grow like
    // cond(A)·ε, so the ill-conditioned case is held to its construction with looser bounds.
    const ill = [3, 1, 1e-3, 1e-7, 3e-10];
    const cases: [Tensor, number, number, number][] = [
      ...sizes.map((n, k): [Tensor, number, number, number] => {
        const a = spd(n, 140 + k);
        return [a, sumLog(eigh(a).values.data), 1e-12, 1e-13];
      }),
      [withEigenvalues(ill, 145), sumLog(ill), 1e-5, 1e-5],
    ];
    for (const [a, want, tol, inverseTol] of cases) {
      const n = a.shape[0];
      expect(Math.abs(logdet(a).item() - want)).toBeLessThan(tol * Math.max(1, Math.abs(want)));
      expect(Math.abs(logdetFromCholesky(cholesky(a)).item() - want)).toBeLessThan(tol * Math.max(1, Math.abs(want)));
      const leaf = a.detach();
      leaf.requiresGrad = true;
      logdet(leaf).backward();
      expect(relDiff(mm(leaf.grad!.data, a.data, n, n, n), eye(n).data)).toBeLessThan(inverseTol);
    }
  });

  it('logdet and logdetFromCholesky gradients', () => {
    sizes.forEach((n, k) => {
      check(`logdet-bbt${n}`, (b) => logdet(spdOf(b)), [randn([n, n], 150 + k)]);
      check(`logdet-sym${n}`, (x) => logdet(symOf(x)), [randn([n, n], 155 + k)]);
      check(`logdetL${n}`, logdetFromCholesky, [cholesky(spd(n, 160 + k))]);
      check(`logdetL-chol${n}`, (x) => logdetFromCholesky(cholesky(symOf(x))), [randn([n, n], 165 + k)]);
    });
    expect(() => logdetFromCholesky(f64([1, 0, 0, -2], [2, 2]))).toThrow('logdetFromCholesky: diagonal element 1 of [2, 2] is -2');
  });
});
