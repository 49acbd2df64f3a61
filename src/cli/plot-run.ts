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
  const title = `${meta.preset ?? path} · seed ${meta.seed}${summary ? ` · ${summary.outcome}` : ''}`;
  return writePlot(trainingCurvesSpec(evals, { t_mem: summary?.t_mem ?? null, t_gen: summary?.t_gen ?? null, title }), base);
}
