// "Ungrokking": a run that generalized and later lost it. Read on a run's evaluations: the first
// step at which the test error came down to a level, and the first step after that at which it
// rose well above it again (a factor `margin` above the level, so that the oscillation of a
// subgradient method around its floor is not taken for a loss).
import type { EvalPoint } from './grokking.js';

export interface LostGeneralization {
  /** first step with the metric at or below the level; null: never generalized */
  reached: number | null;
  /** first step after `reached` with the metric above margin × level; null: never lost */
  lost: number | null;
  /** the last evaluation is above margin × level again (the loss lasted to the end) */
  endsLost: boolean;
  /** the largest value after `reached`, over the level (1 = never above it) */
  worstRise: number | null;
}

export function lostGeneralization(points: readonly EvalPoint[], metric: string, level: number, margin = 2): LostGeneralization {
  const values = points.map((p) => p.metrics[metric]);
  const first = values.findIndex((v) => v <= level);
  if (first < 0) return { reached: null, lost: null, endsLost: false, worstRise: null };
  const after = values.slice(first);
  // NaN (a diverged run) counts as lost.
  const isLost = (v: number) => !(v <= margin * level);
  const lostAt = after.findIndex(isLost);
  return {
    reached: points[first].step,
    lost: lostAt < 0 ? null : points[first + lostAt].step,
    endsLost: isLost(values.at(-1)!),
    worstRise: Math.max(...after.map((v) => (Number.isNaN(v) ? Number.POSITIVE_INFINITY : v))) / level,
  };
}
