// The three phases of grokking that Nanda et al. 2023 (§5.2) read off their progress measures:
//   memorization      train loss falls, excluded loss falls with it (nothing relies on the key frequencies);
//   circuit formation excluded loss rises while test loss stays high: the Fourier circuit forms
//                     and the training set comes to rely on it;
//   cleanup           test loss falls: weight decay removes the memorizing components.
// The boundaries here are a rule on measured curves, so they can be compared with the paper's
// ≈ 1.4k, 9.4k and 13k steps:
//   end of memorization       the step of the lowest excluded loss (where it turns to rise);
//   start of cleanup          after the test-loss peak, the first step by which log test loss has
//                             fallen 10 % of the way from that peak to its final value;
//   end of cleanup            … 90 % of the way.

export interface Point {
  step: number;
  value: number;
}

export interface Phases {
  /** end of memorization / start of circuit formation */
  memorizationEnd: number | null;
  /** end of circuit formation / start of cleanup */
  cleanupStart: number | null;
  cleanupEnd: number | null;
}

const finite = (points: readonly Point[]) => points.filter((p) => Number.isFinite(p.value) && p.value > 0);

/** The step by which log(value) has fallen `share` of the way from its peak to its last value; null if it never falls. */
export function logFallStep(points: readonly Point[], share: number): number | null {
  const ps = finite(points);
  if (ps.length < 2) return null;
  let peak = 0;
  for (let i = 1; i < ps.length; i++) if (ps[i].value > ps[peak].value) peak = i;
  const top = Math.log(ps[peak].value);
  const bottom = Math.log(ps[ps.length - 1].value);
  if (!(top > bottom)) return null;
  const target = top - share * (top - bottom);
  for (let i = peak + 1; i < ps.length; i++) if (Math.log(ps[i].value) <= target) return ps[i].step;
  return null;
}

/**
 * Phase boundaries from the excluded loss (at the snapshots) and the test loss (at the
 * evaluations). No boundary is reported for a run that never turned: an excluded loss whose
 * minimum is its last point, or a test loss that never fell.
 */
export function detectPhases(excludedLoss: readonly Point[], testLoss: readonly Point[]): Phases {
  const ex = finite(excludedLoss);
  let low = 0;
  for (let i = 1; i < ex.length; i++) if (ex[i].value < ex[low].value) low = i;
  const memorizationEnd = ex.length > 1 && low < ex.length - 1 ? ex[low].step : null;
  return { memorizationEnd, cleanupStart: logFallStep(testLoss, 0.1), cleanupEnd: logFallStep(testLoss, 0.9) };
}
