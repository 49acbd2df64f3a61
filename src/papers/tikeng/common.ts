// What the Tikeng Notsawo et al. reproductions share: train a set of estimation runs (as one
// ensemble when they may, one run directory each, under <out>/runs/), read their evaluations
// back, and the quantities the paper measures on them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RunConfig } from '../../config/schema.js';
import { isFinished, type EvalEvent } from '../../runs/events.js';
import { RunDir } from '../../runs/store.js';
import { UsageError } from '../../errors.js';
import { runEnsemble } from '../../train/ensemble.js';
import { withInterrupt } from '../../train/interrupt.js';
import { ensembleKey } from '../../train/experiments/estimation.js';
import { resumeRun } from '../../train/run.js';
import type { Summary } from '../../runs/summary.js';
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

/** A member's run directory: absent, finished (reused), or started and cut short (resumed alone). */
function memberState(out: string): 'new' | 'done' | 'partial' {
  if (!existsSync(out)) return 'new';
  return isFinished(RunDir.open(out).readSummary()?.status) ? 'done' : 'partial';
}

/**
 * Trains labelled runs: those that differ only in seed, ζ and optimizer hyper-parameters go
 * together as one ensemble (one batched computation), the others one ensemble per structure.
 * Re-running reuses finished runs and resumes interrupted ones (each alone, from its checkpoint).
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
    const states = specs.map((s) => memberState(s.out));
    const other = specs.find((s, j) => states[j] !== 'new' && JSON.stringify(RunDir.open(s.out).readConfig()) !== JSON.stringify(s.config));
    if (other) throw new UsageError(`${other.out} holds a run of another configuration (the quick form?); choose another --out`);
    const reused = states.every((s) => s === 'done');
    const fresh = specs.filter((_, j) => states[j] === 'new');
    // Progress: a line per tenth of the steps (reproductions log plain lines).
    let tenth = 0;
    if (fresh.length > 0) {
      // Ctrl-C: every member checkpoints and ends 'interrupted'; a re-run resumes them.
      await withInterrupt((stopRequested) =>
        runEnsemble(fresh, {
          stopRequested,
          onStep: (step, total) => {
            if (step * 10 < (tenth + 1) * total || total < 100_000) return;
            tenth = Math.floor((step * 10) / total);
            ctx.log(`    ${tenth * 10} % of ${total} steps · ${((performance.now() - t0) / 1000).toFixed(0)} s`);
          },
        }),
      );
    }
    for (const [j, s] of specs.entries()) {
      if (states[j] !== 'partial') continue;
      ctx.log(`    resuming ${s.out} from its last checkpoint`);
      await resumeRun(s.out);
    }
    const summaries = specs.map((s) => RunDir.open(s.out).readSummary()!);
    if (summaries.some((s) => s.status === 'interrupted')) throw new Error(`${ctx.out}: interrupted; run the reproduction again to resume`);
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
