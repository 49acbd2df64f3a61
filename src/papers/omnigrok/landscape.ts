// Omnigrok's landscape (§B, "reduced landscape"): for each (α, N), train with the weight norm
// held at its initial value and record the best train and test loss and accuracy reached.
import type { RunConfig } from '../../config/schema.js';
import type { LandscapePoint } from './figures.js';
import { best, runGrid, type GridPoint } from '../grid.js';

export type LandscapeParams = { alpha: number; trainSize: number };

/** log-spaced values from 10^lo to 10^hi, both included (numpy's 10**linspace) */
export function logspace(lo: number, hi: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Number((10 ** (lo + ((hi - lo) * i) / Math.max(1, count - 1))).toPrecision(4)));
}

export function landscapePoints(alphas: number[], sizes: number[], config: (p: LandscapeParams) => RunConfig): GridPoint<LandscapeParams>[] {
  return sizes.flatMap((trainSize) =>
    alphas.map((alpha) => ({ id: `N=${trainSize}_alpha=${alpha}`, params: { alpha, trainSize }, config: config({ alpha, trainSize }) })),
  );
}

/** Trains the grid and reads each run: `reduce` picks the best (landscape) or the final values. */
export async function landscape(
  name: string,
  points: GridPoint<LandscapeParams>[],
  ctx: { out: string; log(message: string): void },
  { workers = 1, reduce = 'best' }: { workers?: number; reduce?: 'best' | 'final' } = {},
): Promise<{ points: LandscapePoint[]; dirs: string[] }> {
  const runs = await runGrid(name, points, ctx, { workers });
  return {
    dirs: runs.map((r) => r.dir),
    points: runs.map((r) => {
      const last = r.evals.at(-1)!.metrics;
      const pick = (metric: string, dir: 'min' | 'max') => (reduce === 'best' ? best(r.evals, metric, dir) : last[metric]);
      return {
        alpha: r.params.alpha,
        trainSize: r.params.trainSize,
        norm: r.evals[0].metrics.weight_l2,
        trainLoss: pick('train_loss', 'min'),
        testLoss: pick('test_loss', 'min'),
        trainAcc: pick('train_acc', 'max'),
        testAcc: pick('test_acc', 'max'),
      };
    }),
  };
}

/** The α of the lowest value, and whether it lies strictly inside the scanned range (a "U"). */
export function interiorMinimum(points: LandscapePoint[], value: (p: LandscapePoint) => number): { alpha: number; interior: boolean } {
  const sorted = [...points].sort((a, b) => a.alpha - b.alpha);
  let i = 0;
  sorted.forEach((p, j) => {
    if (value(p) < value(sorted[i])) i = j;
  });
  return { alpha: sorted[i].alpha, interior: i > 0 && i < sorted.length - 1 };
}
