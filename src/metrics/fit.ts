// Least-squares line fits for scaling laws: t₂ ∝ 1/(αβ) is a power law (a line in log–log
// space), and Miller et al.'s gap Δ = b·exp(a·l) is a line in ln Δ against l.

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
  if (xs.length < 2 || !(sxx > 0)) throw new RangeError(`fitLine needs at least 2 distinct xs, got ${xs.length} point(s)${xs.length >= 2 ? ', all at the same x' : ''}`);
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
