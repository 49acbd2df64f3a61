// The significance of a Pearson correlation: under H₀ (no correlation, normal data)
// t = r·√((n−2)/(1−r²)) follows Student's t with n − 2 degrees of freedom, and the two-sided
// p-value is I_{ν/(ν+t²)}(ν/2, ½), a regularized incomplete beta function (what
// scipy.stats.pearsonr reports, as Miller et al. 2024 use it).

/** ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; ~15 significant digits). */
export function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = c[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of I_x(a, b) by the modified Lentz method (Numerical Recipes §6.4, betacf). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const guard = (v: number) => (Math.abs(v) < tiny ? tiny : v);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let h = d;
  /** one Lentz step with coefficient aa; returns the factor it multiplied h by */
  const step = (aa: number): number => {
    d = 1 / guard(1 + aa * d);
    c = guard(1 + aa / c);
    h *= d * c;
    return d * c;
  };
  for (let m = 1; m <= 300; m++) {
    step((m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)));
    if (Math.abs(step((-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1))) - 1) < 1e-15) break;
  }
  return h;
}

/** The regularized incomplete beta function I_x(a, b), x ∈ [0, 1]. */
export function regularizedBeta(x: number, a: number, b: number): number {
  if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedBeta: x must be in [0, 1], got ${x}`);
  if (x === 0 || x === 1) return x;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // NOTE: the continued fraction converges fast only for x < (a+1)/(a+b+2); use the symmetry beyond.
  return x < (a + 1) / (a + b + 2) ? (front * betaContinuedFraction(x, a, b)) / a : 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Two-sided P(|T| ≥ |t|) for Student's t with ν degrees of freedom. */
export function studentTwoSidedP(t: number, dof: number): number {
  if (!(dof > 0)) throw new RangeError(`studentTwoSidedP: degrees of freedom must be > 0, got ${dof}`);
  if (!Number.isFinite(t)) return Number.isNaN(t) ? NaN : 0;
  return regularizedBeta(dof / (dof + t * t), dof / 2, 0.5);
}

/** Two-sided p-value of Pearson's r from n points (NaN for n < 3 or an undefined r). */
export function pearsonPValue(r: number, n: number): number {
  if (n < 3 || !Number.isFinite(r)) return NaN;
  if (Math.abs(r) >= 1) return 0;
  return studentTwoSidedP(r * Math.sqrt((n - 2) / (1 - r * r)), n - 2);
}
