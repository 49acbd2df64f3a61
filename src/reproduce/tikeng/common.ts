// What the Tikeng Notsawo et al. reproductions share: train a set of estimation runs (as one
// ensemble when they may, one run directory each, under <out>/runs/), read their evaluations
// back, and the quantities the paper measures on them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RunConfig } from '../../config/schema.js';
import type { EvalEvent } from '../../runs/events.js';
import { RunDir, UsageError } from '../../runs/store.js';
import { runEnsemble } from '../../train/ensemble.js';
import { ensembleKey } from '../../train/experiments/estimation.js';
import type { Summary } from '../../train/run.js';
import type { Point, Series } from '../../plots/index.js';
import type { ReproduceContext } from '../reproduction.js';

export const TIKENG_SOURCE = 'Tikeng Notsawo, Dumas, Rabusseau 2025, "Grokking beyond the Euclidean norm of model parameters" (arXiv 2506.05718)';

export interface TrainedRun {
  label: string;
  config: RunConfig;
  /** relative to the reproduction's directory */
  dir: string;
  summary: Summary;
  evals: EvalEvent[];
}

/**
 * Trains labelled runs: those that differ only in seed, ζ and optimizer go together as one
 * ensemble (one batched computation), the others one ensemble per structure.
 */
export async function trainRuns(ctx: ReproduceContext, runs: readonly { label: string; config: RunConfig }[]): Promise<TrainedRun[]> {
  const groups = new Map<string, number[]>();
  runs.forEach((r, i) => {
    const k = ensembleKey(r.config);
    groups.set(k, [...(groups.get(k) ?? []), i]);
  });
  const out: TrainedRun[] = new Array(runs.length);
  let done = 0;
  for (const members of groups.values()) {
    const t0 = performance.now();
    const specs = members.map((i) => ({ config: runs[i].config, out: join(ctx.out, 'runs', runs[i].label) }));
    // Re-running a reproduction reuses the groups that finished before (an interrupted group is refused, not overwritten).
    const present = specs.filter((s) => existsSync(s.out));
    const finished = present.filter((s) => RunDir.open(s.out).readSummary() !== null);
    if (present.length > 0 && finished.length < specs.length) throw new UsageError(`${present[0].out} holds an unfinished run; remove it (or choose another --out) to train its group again`);
    const other = finished.find((s) => JSON.stringify(RunDir.open(s.out).readConfig()) !== JSON.stringify(s.config));
    if (other) throw new UsageError(`${other.out} holds a run of another configuration (the quick form?); choose another --out`);
    const reused = finished.length === specs.length;
    // Progress: a line per tenth of the steps (reproductions log plain lines).
    let tenth = 0;
    const summaries = reused ? specs.map((s) => RunDir.open(s.out).readSummary() as Summary) : await runEnsemble(specs, {
      onStep: (step, total) => {
        if (step * 10 < (tenth + 1) * total || total < 100_000) return;
        tenth = Math.floor((step * 10) / total);
        ctx.log(`    ${tenth * 10} % of ${total} steps · ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      },
    });
    done += members.length;
    ctx.log(`  ${done}/${runs.length} runs · ${members.length} ${reused ? 'reused from an earlier run' : `trained together in ${((performance.now() - t0) / 1000).toFixed(1)} s`}`);
    members.forEach((i, j) => {
      const dir = join('runs', runs[i].label);
      const evals = RunDir.open(join(ctx.out, dir)).readEvents().filter((e): e is EvalEvent => e.event === 'eval');
      out[i] = { label: runs[i].label, config: runs[i].config, dir, summary: summaries[j], evals };
    });
  }
  return out;
}

/** A metric over the steps of a run (step 0 dropped: the axes are logarithmic). */
export function curve(run: TrainedRun, metric: string, name = run.label, color?: string): Series {
  const points: Point[] = run.evals.filter((e) => e.step > 0 && metric in e.metrics).map((e) => ({ x: e.step, y: e.metrics[metric] }));
  return { name, points, ...(color ? { color } : {}) };
}

/** The metrics logged at `step` (or the last evaluation before it). */
export function metricsAt(run: TrainedRun, step: number): Record<string, number> {
  let best = run.evals[0];
  for (const e of run.evals) if (e.step <= step) best = e;
  return best.metrics;
}

export const fmtSteps = (t: number | null) => (t === null ? 'not reached' : t.toExponential(1));
