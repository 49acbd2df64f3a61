// The Omnigrok figures: train and test loss against the weight norm (the "L" and the "U"),
// (α, N) heatmaps of a landscape, and one run's training curves.
import { join } from 'node:path';
import { COLORS, lineChartSpec, phaseDiagramSpec, trainingCurvesSpec, writePlot, type PhaseCell, type Series } from '../../plots/index.js';
import type { GridRun } from '../grid.js';

/** One landscape point: its (constant) weight norm and what it reached. */
export interface LandscapePoint {
  alpha: number;
  trainSize: number;
  norm: number;
  trainLoss: number;
  testLoss: number;
  trainAcc: number;
  testAcc: number;
}

async function save(spec: Parameters<typeof writePlot>[0], out: string, name: string): Promise<string> {
  await writePlot(spec, join(out, name));
  return `${name}.png`;
}

/** Loss against the weight norm on log–log axes, one train and one test line per group (e.g. per N). */
export async function luPlot(
  out: string,
  name: string,
  groups: { label: string; points: LandscapePoint[] }[],
  title: string,
  subtitle: string,
): Promise<string> {
  const dashed = groups.length > 1;
  const series: Series[] = groups.flatMap(({ label, points }, g) =>
    (['train', 'test'] as const).map((split) => ({
      name: dashed ? `${split}, ${label}` : split,
      color: g === 0 ? COLORS[split] : split === 'train' ? '#9ecae1' : '#fdae6b',
      points: points.map((p) => ({ x: p.norm, y: split === 'train' ? p.trainLoss : p.testLoss })),
    })),
  );
  return save(lineChartSpec({ title, subtitle, series, xTitle: 'weight norm ‖w‖ (log scale)', yTitle: 'loss (log scale)', xLog: true, yLog: true }), out, name);
}

/** Best train and test accuracy over the (α, N) plane, side by side. */
export async function landscapeHeatmap(out: string, name: string, points: LandscapePoint[], title: string): Promise<string> {
  const cells: PhaseCell[] = points.flatMap((p) => [
    { x: Number(p.alpha.toPrecision(3)), y: p.trainSize, seed: 0, outcome: null, value: p.trainAcc, facet: 'train accuracy' },
    { x: Number(p.alpha.toPrecision(3)), y: p.trainSize, seed: 0, outcome: null, value: p.testAcc, facet: 'test accuracy' },
  ]);
  return save(
    phaseDiagramSpec(cells, { title, xTitle: 'initialization scale α', yTitle: 'training set size N', valueTitle: 'best accuracy', facetTitle: '' }),
    out,
    name,
  );
}

export async function curvesPlot(out: string, name: string, run: GridRun<Record<string, number>>, title: string): Promise<string> {
  return save(trainingCurvesSpec(run.evals, { t_mem: run.summary.t_mem, t_gen: run.summary.t_gen, title }), out, name);
}
