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
}

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
  onProgress({ ...progress });
  let interrupted = false;
  const units = workUnits(dir, pending, workers);
  const children = workers > 1 ? new ChildPool() : undefined;
  const unitOptions = { children, signal };
  const worker = async () => {
    for (let unit = units.shift(); unit !== undefined && !signal?.aborted; unit = units.shift()) {
      progress.running += unit.length;
      onProgress({ ...progress });
      const results = await runGroup(dir, unit, unitOptions).catch((error: unknown) => {
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
      onProgress({ ...progress });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, workers) }, worker));
  } finally {
    await children?.close();
  }
  return { summaries, interrupted: interrupted || signal?.aborted === true };
}
