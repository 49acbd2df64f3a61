import { join } from 'node:path';
import { trainingCurvesSpec, writePlot } from '../plots/index.js';
import type { EvalEvent } from '../runs/events.js';
import { RunDir } from '../runs/store.js';

/** Draws a run's curves next to its metrics: curves.svg and curves.png. */
export async function plotRun(path: string, base = join(path, 'curves')): Promise<{ svgPath: string; pngPath: string }> {
  const dir = RunDir.open(path);
  const evals = dir.readEvents().filter((e): e is EvalEvent => e.event === 'eval');
  const summary = dir.readSummary();
  const meta = dir.readMeta();
  // A diverged run says so: its outcome ("no-learn", say) describes only the steps before.
  const diverged = summary?.status === 'diverged';
  const title = `${meta.preset ?? path} · seed ${meta.seed}${summary ? ` · ${diverged ? 'diverged' : summary.outcome}` : ''}`;
  const note = diverged ? (summary.reason ?? 'diverged') : undefined;
  return writePlot(trainingCurvesSpec(evals, { t_mem: summary?.t_mem ?? null, t_gen: summary?.t_gen ?? null, title, note }), base);
}
