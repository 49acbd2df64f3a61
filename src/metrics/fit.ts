// Least-squares line fits for scaling laws: t₂ ∝ 1/(αβ) is a power law (a line in log–log
// space), and Miller et al.'s gap Δ = b·exp(a·l) is a line in ln Δ against l.
import { studentQuantile } from './spread.js';

export interface LineFit {
  slope: number;
  intercept: number;
  /** Pearson correlation of the fitted (transformed) points; NaN if the ys are constant */
  r: number;
  /** points used, after skipping those the transform cannot take */
  n: number;
}

function checkPairs(op: string, xs: ArrayLike<number>, ys: ArrayLike<number>): void {
  if (xs.length !== ys.length) throw new RangeError(`${op}: ${xs.length} xs but ${ys.length} ys`);
  for (let i = 0; i < xs.length; i++) {
    if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) throw new RangeError(`${op}: point ${i} (${xs[i]}, ${ys[i]}) is not finite`);
  }
}

function moments(xs: ArrayLike<number>, ys: ArrayLike<number>): { mx: number; my: number; sxx: number; syy: number; sxy: number } {
  const n = xs.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i];
    my += ys[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  // NOTE: two passes (centre first) avoid the cancellation of Σx² − n·x̄².
  for (let i = 0; i < n; i++) {
    const dx = xs[i] - mx;
    const dy = ys[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return { mx, my, sxx, syy, sxy };
}

/** Pearson's r; NaN when either variable is constant (or fewer than 2 points): r is undefined. */
export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>): number {
  checkPairs('pearson', xs, ys);
  if (xs.length < 2) return NaN;
  const { sxx, syy, sxy } = moments(xs, ys);
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** Ordinary least squares y ≈ slope·x + intercept. Throws with < 2 points or all xs equal. */
export function fitLine(xs: ArrayLike<number>, ys: ArrayLike<number>): LineFit {
  checkPairs('fitLine', xs, ys);
  const { mx, my, sxx, syy, sxy } = moments(xs, ys);
  if (xs.length < 2 || !(sxx > 0))
    throw new RangeError(`fitLine needs at least 2 distinct xs, got ${xs.length} point(s)${xs.length >= 2 ? ', all at the same x' : ''}`);
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r: syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN, n: xs.length };
}

function fitTransformed(op: string, xs: ArrayLike<number>, ys: ArrayLike<number>, logX: boolean): LineFit {
  checkPairs(op, xs, ys);
  const fx: number[] = [];
  const fy: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    if (!(ys[i] > 0 && (!logX || xs[i] > 0))) continue;
    fx.push(logX ? Math.log(xs[i]) : xs[i]);
    fy.push(Math.log(ys[i]));
  }
  return fitLine(fx, fy);
}

/**
 * y = e^intercept · x^slope, fitted as ln y on ln x. Points with x ≤ 0 or y ≤ 0 have no
 * logarithm and are skipped (see `n`).
 */
export function fitPowerLaw(xs: ArrayLike<number>, ys: ArrayLike<number>): LineFit {
  return fitTransformed('fitPowerLaw', xs, ys, true);
}

/**
 * y = b·exp(a·x), fitted as ln y on x; r is Pearson's r of (x, ln y). Points with y ≤ 0 are
 * skipped (see `n`). NOTE: Miller et al. instead set ln Δ = 0 for Δ ≤ 0; to follow them, pass
 * max(Δ, 1).
 */
export function fitExponential(xs: ArrayLike<number>, ys: ArrayLike<number>): { a: number; b: number; r: number; n: number } {
  const { slope, intercept, r, n } = fitTransformed('fitExponential', xs, ys, false);
  return { a: slope, b: Math.exp(intercept), r, n };
}

export interface Exponent {
  exponent: number;
  /** half-width of its 95 % interval (Student t on the residuals); NaN with no residual degrees of freedom */
  ci95: number;
  /**
   * the most the exponent can move when every ln y is off by up to the given resolution (a time
   * read on an evaluation grid): 0 when no resolution was given
   */
  resolution: number;
}

/**
 * A scaling law y ∝ Π x_j^{e_j} fitted two ways, both reported: `separate` fits ln y on every
 * ln x_j at once (one exponent per variable), `pooled` fits ln y on ln Π x_j (one exponent for
 * the product). A product law (e_j all equal) shows as equal separate exponents; a pooled slope
 * alone cannot tell y ∝ αβ from y ∝ β with α spread over a narrower range.
 */
export interface ScalingFit {
  separate: Exponent[];
  pooled: Exponent & { r: number };
  /** points used: those with y > 0 and every x_j > 0 */
  n: number;
}

/**
 * Least squares y ≈ c + Σ b_j·x_j with the 95 % interval of each b_j, and how far each b_j can
 * move when every y is off by at most `yResolution`.
 */
function multipleRegression(columns: readonly number[][], ys: readonly number[], yResolution: number): Exponent[] {
  const n = ys.length;
  const k = columns.length;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const centred = columns.map((c) => {
    const m = c.reduce((a, b) => a + b, 0) / n;
    return c.map((v) => v - m);
  });
  const dot = (u: readonly number[], v: readonly number[]) => u.reduce((s, x, i) => s + x * v[i], 0);
  // The normal equations on centred columns, inverted by Gauss–Jordan with partial pivoting (k is 1–3).
  const a = centred.map((u) => centred.map((v) => dot(u, v)));
  const scale = Math.max(...a.map((row, j) => row[j]));
  const inverse: number[][] = centred.map((_, j) => centred.map((__, m) => (j === m ? 1 : 0)));
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    if (!(Math.abs(a[pivot][col]) > 1e-12 * scale))
      throw new RangeError(`fitScalingLaw: variable ${col + 1} is constant or a combination of the others, so it has no exponent of its own`);
    [a[col], a[pivot]] = [a[pivot], a[col]];
    [inverse[col], inverse[pivot]] = [inverse[pivot], inverse[col]];
    const p = a[col][col];
    for (let m = 0; m < k; m++) {
      a[col][m] /= p;
      inverse[col][m] /= p;
    }
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const f = a[r][col];
      for (let m = 0; m < k; m++) {
        a[r][m] -= f * a[col][m];
        inverse[r][m] -= f * inverse[col][m];
      }
    }
  }
  const xty = centred.map((u) =>
    dot(
      u,
      ys.map((y) => y - my),
    ),
  );
  const b = inverse.map((row) => dot(row, xty));
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (ys[i] - my - b.reduce((s, bj, j) => s + bj * centred[j][i], 0)) ** 2;
  const dof = n - k - 1;
  const t = dof > 0 ? studentQuantile(0.95, dof) : NaN;
  // b_j = Σ_i w_ji·y_i with w_j = row j of (XᵀX)⁻¹Xᵀ: errors of at most δ move it by ≤ δ·Σ_i |w_ji|.
  const resolution = (j: number) => yResolution * ys.reduce((s, _, i) => s + Math.abs(inverse[j].reduce((w, c, m) => w + c * centred[m][i], 0)), 0);
  return b.map((exponent, j) => ({ exponent, ci95: t * Math.sqrt((sse / dof) * inverse[j][j]), resolution: resolution(j) }));
}

/**
 * Fits y ∝ Π x_j^{e_j} separately and pooled (see ScalingFit); `columns[j]` holds x_j per point.
 * `logResolution` bounds the error of each ln y that the residuals may not show: a time read on
 * a grid of n evaluations per decade is off by at most ln 10 / (2n) around its centre.
 */
export function fitScalingLaw(columns: readonly ArrayLike<number>[], ys: ArrayLike<number>, logResolution = 0): ScalingFit {
  if (columns.length === 0) throw new RangeError('fitScalingLaw needs at least one variable');
  for (const c of columns) checkPairs('fitScalingLaw', c, ys);
  const keep: number[] = [];
  for (let i = 0; i < ys.length; i++) if (ys[i] > 0 && columns.every((c) => c[i] > 0)) keep.push(i);
  if (keep.length < columns.length + 1)
    throw new RangeError(`fitScalingLaw needs at least ${columns.length + 1} points with positive values, got ${keep.length}`);
  const logs = columns.map((c) => keep.map((i) => Math.log(c[i])));
  const ly = keep.map((i) => Math.log(ys[i]));
  const product = keep.map((_, m) => logs.reduce((s, l) => s + l[m], 0));
  const [pooled] = multipleRegression([product], ly, logResolution);
  return { separate: multipleRegression(logs, ly, logResolution), pooled: { ...pooled, r: pearson(product, ly) }, n: keep.length };
}
