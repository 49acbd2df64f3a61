import { join } from 'node:path';
import { phaseDiagramSpec, writePlot, type PhaseCell } from '../plots/index.js';
import { UsageError } from '../errors.js';
import type { SweepDir } from '../sweep/directory.js';
import { shortNames } from '../sweep/expand.js';
import { runRows } from '../sweep/summarize.js';

export interface PhaseOptions {
  x: string;
  y: string;
  facet?: string;
  /** a numeric column of runs.csv (t_gen, delay, final_test_acc, …) instead of the outcome */
  metric?: string;
  /** colour by log10 of the metric */
  log?: boolean;
  out?: string;
}

/** A swept parameter by its full path or its short name (weightDecay for optimizer.weightDecay). */
function resolveParameter(option: string, name: string, paths: string[]): string {
  const names = shortNames(paths);
  const match = paths.find((p) => p === name || names[p] === name);
  if (!match) throw new UsageError(`--${option}: "${name}" is not a swept parameter; allowed: ${paths.map((p) => names[p]).join(', ')}`);
  return match;
}

export async function plotSweep(dir: SweepDir, opts: PhaseOptions): Promise<{ svgPath: string; pngPath: string }> {
  const spec = dir.readSpec();
  const paths = Object.keys(spec.parameters);
  const x = resolveParameter('x', opts.x, paths);
  const y = resolveParameter('y', opts.y, paths);
  const facet = opts.facet === undefined ? undefined : resolveParameter('facet', opts.facet, paths);
  const rows = runRows(dir);
  if (opts.metric !== undefined && !rows.some((r) => typeof r[opts.metric!] === 'number')) {
    const numeric = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => typeof r[k] === 'number' && k !== 'seed')))];
    throw new UsageError(`--metric: "${opts.metric}" has no numeric value in this sweep; allowed: ${numeric.join(', ')}`);
  }
  const cells: PhaseCell[] = rows.map((r) => {
    const raw = opts.metric === undefined ? null : r[opts.metric];
    const value = typeof raw === 'number' ? (opts.log ? (raw > 0 ? Math.log10(raw) : null) : raw) : null;
    return {
      x: r[x] as number | string,
      y: r[y] as number | string,
      seed: r.seed as number,
      outcome: r.outcome as string | null,
      ...(opts.metric !== undefined ? { value } : {}),
      ...(facet ? { facet: r[facet] as number | string } : {}),
    };
  });
  const names = shortNames(paths);
  const spec2 = phaseDiagramSpec(cells, {
    xTitle: names[x],
    yTitle: names[y],
    title: `${spec.name}: ${opts.metric ?? 'outcome'} over ${names[x]} × ${names[y]}`,
    ...(opts.metric !== undefined ? { valueTitle: opts.log ? `log10 ${opts.metric}` : opts.metric } : {}),
    ...(facet ? { facetTitle: names[facet] } : {}),
  });
  const base = opts.out ?? join(dir.path, `phase-${names[x]}-${names[y]}${opts.metric ? `-${opts.metric}` : ''}`);
  return writePlot(spec2, base);
}
