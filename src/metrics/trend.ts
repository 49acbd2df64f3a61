// Whether y rises or falls with x beyond what chance orderings give: Kendall's S (concordant
// minus discordant pairs) against its spread when no trend exists, the Mann–Kendall test. It
// needs no model of how y depends on x, and takes y = +∞ (a time never reached) as a value above
// every finite one. Several groups (problem draws) add their S and variances, the stratified form.

/** |z| beyond this: a trend at the 95 % level (two-sided normal quantile). */
export const Z95 = 1.959964;

export interface Trend {
  /** concordant minus discordant pairs, summed over the groups */
  s: number;
  /** S over its standard deviation under no trend (continuity-corrected); 0 when S cannot vary */
  z: number;
  /** points, over all groups */
  n: number;
  /** the |z| a perfectly monotone y would give with these group sizes: below Z95 no trend can be significant */
  maxZ: number;
}

const order = (a: number, b: number) => (a === b ? 0 : a > b ? 1 : -1);
/** n(n − 1)(2n + 5): the no-trend variance of S times 18, for n distinct values. */
const spread = (n: number) => n * (n - 1) * (2 * n + 5);

/**
 * The trend of y against x over one or more groups. Within a group the xs must be distinct and
 * finite; ys may repeat (ties, +∞ included), which lowers S's variance. Throws on a NaN or on
 * groups whose xs and ys differ in length.
 */
export function kendallTrend(groups: readonly { x: readonly number[]; y: readonly number[] }[]): Trend {
  let s = 0;
  let variance = 0;
  let bestCase = 0;
  let maxVariance = 0;
  let n = 0;
  for (const { x, y } of groups) {
    if (x.length !== y.length) throw new RangeError(`kendallTrend: ${x.length} xs but ${y.length} ys`);
    if (x.some((v) => !Number.isFinite(v)) || y.some((v) => Number.isNaN(v))) throw new RangeError('kendallTrend: xs must be finite and ys not NaN');
    if (new Set(x).size !== x.length) throw new RangeError('kendallTrend: the xs of a group must be distinct');
    const m = x.length;
    for (let i = 0; i < m; i++) for (let j = i + 1; j < m; j++) s += order(x[j], x[i]) * order(y[j], y[i]);
    const ties = new Map<number, number>();
    for (const v of y) ties.set(v, (ties.get(v) ?? 0) + 1);
    variance += (spread(m) - [...ties.values()].reduce((sum, t) => sum + spread(t), 0)) / 18;
    bestCase += (m * (m - 1)) / 2;
    maxVariance += spread(m) / 18;
    n += m;
  }
  const z = variance > 0 ? (s - Math.sign(s)) / Math.sqrt(variance) : 0;
  const maxZ = maxVariance > 0 ? (bestCase - Math.sign(bestCase)) / Math.sqrt(maxVariance) : 0;
  return { s, z, n, maxZ };
}
