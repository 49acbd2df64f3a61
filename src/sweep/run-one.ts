// Trains one unit of a sweep — one run (trained, resumed or skipped), or new runs as one
// ensemble — in one of the sweep's child processes (child-pool.ts), or in this process when
// the sweep has one worker. Both the local pool and the queue worker go through here.
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { UsageError } from '../errors.js';
import { RunLock } from '../runs/lock.js';
import { readSummary, type Summary } from '../runs/summary.js';
import type { ChildPool } from './child-pool.js';
import type { SweepDir } from './directory.js';
import { type Job, trainJob } from './job.js';
import { RunFailed } from './run-failed.js';

export interface UnitOptions {
  /** the child processes to train in; without them, the unit trains in this process */
  children?: ChildPool;
  /** stops the unit at a checkpoint (its runs end 'interrupted') */
  signal?: AbortSignal;
  /** hears the step the unit has reached (of its longest run), a few times a second or more */
  onStep?: (step: number) => void;
}

function runJob(job: Job, what: string, opts: UnitOptions): Promise<Summary[]> {
  return opts.children ? opts.children.run(job, what, opts.signal, opts.onStep) : trainJob(job, () => opts.signal?.aborted === true, opts.onStep);
}

/** How often to look whether another process still drives a run. */
const LOCK_POLL_MS = 500;

/**
 * Waits while another process drives the run (the child of a killed worker that has not noticed
 * yet, or a second sweep over the same directory): the run is theirs until they let go.
 */
async function waitForDriver(out: string, signal?: AbortSignal): Promise<void> {
  while (!signal?.aborted && existsSync(out) && RunLock.liveHolder(out) !== null) await sleep(LOCK_POLL_MS, undefined, { signal }).catch(() => {});
}

/** How often a run is looked at again when another process claimed it between our look and our start. */
const CLAIM_RETRIES = 5;

/** A run that refused to start: locked or claimed by another process (a child's exit code 2). */
const refused = (error: unknown) => error instanceof UsageError || (error instanceof RunFailed && error.code === 2);

/** Trains (or resumes, or skips) one run; resolves with its summary. */
export async function runOne(dir: SweepDir, id: string, opts: UnitOptions = {}): Promise<Summary> {
  const out = dir.runPath(id);
  for (let attempt = 0; ; attempt++) {
    await waitForDriver(out, opts.signal);
    const state = dir.state(id);
    if (state === 'done') return readSummary(out)!;
    // A started run resumes from its newest checkpoint (from scratch if it saved none).
    const job: Job = state === 'partial' ? { resume: out } : { start: [{ config: dir.configPath(id), out }] };
    try {
      const [summary] = await runJob(job, `run ${id}`, opts);
      return summary;
    } catch (error) {
      // NOTE: the child of a killed sweep can start between our look and our start, before it
      // holds the lock: ours is then refused (locked or claimed). The run is theirs: wait for it
      // and look again.
      const claimedMeanwhile = RunLock.liveHolder(out) !== null || dir.state(id) !== state;
      if (refused(error) && claimedMeanwhile && attempt < CLAIM_RETRIES && !opts.signal?.aborted) continue;
      throw error;
    }
  }
}

/** Trains new runs that may train together (units.ts); resolves with their summaries in the order of `ids`. */
export async function runGroup(dir: SweepDir, ids: readonly string[], opts: UnitOptions = {}): Promise<Summary[]> {
  if (ids.length === 1) return [await runOne(dir, ids[0], opts)];
  const job: Job = { start: ids.map((id) => ({ config: dir.configPath(id), out: dir.runPath(id) })) };
  return runJob(job, `runs ${ids[0]} … ${ids.at(-1)} (one ensemble)`, opts);
}
