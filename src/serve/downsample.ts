// Curves for a chart of a given pixel width: a run of 1e5 evaluations becomes a few thousand
// points that draw the same picture. The step axis is logarithmic, so the buckets are equal in
// log(step); each keeps its first and last point and, per series, the points of its minimum and
// maximum, so spikes survive (the M4 idea of Jugel et al. 2014, per series).

/** Columnar curves: one step column and one column per metric, all the same length. */
export interface Columns {
  step: number[];
  series: Record<string, (number | null)[]>;
}

/** The indices to keep: at most 2 + 2·(series) per bucket, in ascending order. */
export function downsampleIndices(columns: Columns, buckets: number): number[] {
  const n = columns.step.length;
  const names = Object.keys(columns.series);
  if (n <= buckets * 2) return Array.from({ length: n }, (_, i) => i);
  // Step 0 sits at x = 0 on no log axis; it is kept as a point of its own.
  const positive = columns.step.findIndex((s) => s > 0);
  if (positive < 0) return [0, n - 1];
  const lo = Math.log(columns.step[positive]);
  const hi = Math.log(columns.step[n - 1]);
  const width = hi > lo ? (hi - lo) / buckets : 1;
  const keep = new Set<number>();
  for (let i = 0; i < positive; i++) keep.add(i);
  let start = positive;
  while (start < n) {
    const bucket = Math.min(buckets - 1, Math.floor((Math.log(columns.step[start]) - lo) / width));
    let end = start + 1;
    while (end < n && Math.min(buckets - 1, Math.floor((Math.log(columns.step[end]) - lo) / width)) === bucket) end++;
    keep.add(start);
    keep.add(end - 1);
    for (const name of names) {
      const values = columns.series[name];
      let min = -1;
      let max = -1;
      for (let i = start; i < end; i++) {
        const v = values[i];
        if (v === null || !Number.isFinite(v)) continue;
        if (min < 0 || v < values[min]!) min = i;
        if (max < 0 || v > values[max]!) max = i;
      }
      if (min >= 0) keep.add(min);
      if (max >= 0) keep.add(max);
    }
    start = end;
  }
  return [...keep].sort((a, b) => a - b);
}

export function downsample(columns: Columns, buckets: number): Columns {
  const keep = downsampleIndices(columns, buckets);
  if (keep.length === columns.step.length) return columns;
  const series: Columns['series'] = {};
  for (const [name, values] of Object.entries(columns.series)) series[name] = keep.map((i) => values[i]);
  return { step: keep.map((i) => columns.step[i]), series };
}
