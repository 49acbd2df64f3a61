// Local execution: up to `workers` units at a time (one per core by default), with one progress
// display for the whole sweep. Several workers train in as many long-lived child processes
// (child-pool.ts), one unit after another; one worker trains in this process (quick forms and
// tests, no process to start). A unit is one run, or runs trained together as one
// ensemble (units.ts).
import type { Summary } from '../runs/summary.js';
import { ChildPool } from './child-pool.js';
import type { SweepDir } from './directory.js';
import { runGroup, runOne } from './run-one.js';
import { workUnits } from './units.js';

export interface SweepProgress {
  total: number;
  done: number;
  running: number;
  /** runs finished in earlier invocations, skipped now */
  skipped: number;
  /**
   * member-steps of the runs left to train (each run's steps, or its ensemble's longest):
   * done so far, a resumed run's earlier steps included, and in all; a local sweep only
   */
  work?: { done: number; total: number };
}

/** How often the step counts reach `onProgress`, at most (a change of the run counts always does). */
const STEP_PROGRESS_MS = 250;

export interface PoolResult {
  summaries: Map<string, Summary>;
  interrupted: boolean;
}

export async function runLocal(
  dir: SweepDir,
  ids: string[],
  workers: number,
  onProgress: (p: SweepProgress) => void,
  signal?: AbortSignal,
): Promise<PoolResult> {
  const summaries = new Map<string, Summary>();
  const pending = ids.filter((id) => dir.state(id) !== 'done');
  const progress: SweepProgress = { total: ids.length, done: ids.length - pending.length, running: 0, skipped: ids.length - pending.length };
  for (const id of ids) if (dir.state(id) === 'done') summaries.set(id, await runOne(dir, id));
  let interrupted = false;
  const units = workUnits(dir, pending, workers);
  // A unit's work: its runs × the steps of its longest run.
  const reached = units.map(() => 0);
  const work = { done: 0, total: units.reduce((n, unit) => n + unit.ids.length * unit.steps, 0) };
  const updateWork = () => (work.done = units.reduce((n, unit, u) => n + unit.ids.length * Math.min(reached[u], unit.steps), 0));
  const report = () => onProgress({ ...progress, work: { ...work } });
  let reportedAt = -Infinity;
  report();
  const children = workers > 1 ? new ChildPool() : undefined;
  let next = 0;
  const worker = async () => {
    for (let u = next++; u < units.length && !signal?.aborted; u = next++) {
      const unit = units[u].ids;
      const onStep = (step: number) => {
        reached[u] = step;
        const now = performance.now();
        if (now - reportedAt < STEP_PROGRESS_MS) return;
        reportedAt = now;
        updateWork();
        report();
      };
      progress.running += unit.length;
      report();
      const results = await runGroup(dir, unit, { children, signal, onStep }).catch((error: unknown) => {
        if (signal?.aborted) return null;
        throw error;
      });
      progress.running -= unit.length;
      unit.forEach((id, i) => {
        const summary = results?.[i];
        if (!summary || summary.status === 'interrupted') interrupted = true;
        else {
          summaries.set(id, summary);
          progress.done++;
        }
      });
      // Finished (perhaps stopped early): all of its work is done.
      if (results?.every((r) => r.status !== 'interrupted')) reached[u] = units[u].steps;
      updateWork();
      report();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
  } finally {
    await children?.close();
  }
  return { summaries, interrupted: interrupted || signal?.aborted === true };
}
