// Figures of Miller et al.'s models beyond networks (README §1–3): seed-averaged curves on a log step
// axis, and landscapes with trajectories.
import { join } from 'node:path';
import { figureSpec } from '../../plots/figure.js';
import { linePanel, writePlot, type LinePanelInput, type PanelSpec, type Point } from '../../plots/index.js';
import type { EvalEvent } from '../../runs/events.js';

/** The mean of a metric over runs that share one evaluation schedule, step by step. */
export function meanCurve(runs: readonly { evals: readonly EvalEvent[] }[], metric: string): Point[] {
  const [first] = runs;
  return first.evals.map((e, i) => {
    const values = runs.map((r) => r.evals[i]);
    if (values.some((v) => v?.step !== e.step)) throw new Error(`meanCurve: runs evaluate at different steps (step ${e.step})`);
    return { x: e.step, y: values.reduce((s, v) => s + v.metrics[metric], 0) / runs.length };
  });
}

/** The first step at which a curve is ≥ (or ≤) a threshold, or null. */
export function firstCrossing(points: readonly Point[], threshold: number, direction: 'above' | 'below' = 'above'): number | null {
  return points.find((p) => (direction === 'above' ? p.y >= threshold : p.y <= threshold))?.x ?? null;
}

/** The value of a curve at the last evaluation at or before `step`. */
export function valueAt(points: readonly Point[], step: number): number {
  return points.filter((p) => p.x <= step).at(-1)!.y;
}

/** Panels on a log step axis (step 0 left out), stacked or side by side, written as name.png/svg. */
export async function writeCurves(
  out: string,
  name: string,
  title: string,
  subtitle: string,
  rows: Omit<LinePanelInput, 'xTitle' | 'xLog'>[][],
): Promise<string> {
  const panels: PanelSpec[][] = rows.map((row) =>
    row.map((p) =>
      linePanel({
        width: 330,
        height: 200,
        ...p,
        xTitle: 'step (log scale)',
        xLog: true,
        series: p.series.map((s) => ({ ...s, points: s.points.filter((q) => q.x > 0) })),
      }),
    ),
  );
  await writePlot(figureSpec({ title, subtitle, rows: panels }), join(out, name));
  return `${name}.png`;
}
