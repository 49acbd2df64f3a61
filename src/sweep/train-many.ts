// Many runs of a sweep directory trained to their end: finished runs are reused, started ones
// resume from their newest checkpoint, new runs that may train together do (units.ts); on this
// machine (the local pool) or on the workers of a Redis queue. `groklab sweep` and every
// reproduction train their runs through here.
import type { SweepDir } from './directory.js';
import { type PoolResult, runLocal, type SweepProgress } from './pool.js';

export interface TrainManyOptions {
  /** units at a time on this machine: 1 trains in this process, more in as many long-lived child processes */
  workers: number;
  /** a Redis URL: the runs go to the `groklab worker`s of that queue instead */
  queue?: string;
  onProgress?: (progress: SweepProgress) => void;
  /** aborting stops the runs in progress at a checkpoint and starts no more: a re-run resumes them */
  signal?: AbortSignal;
}

/** Trains the runs `ids` of `dir`; resolves with the summaries of those that finished. */
export async function trainMany(dir: SweepDir, ids: readonly string[], opts: TrainManyOptions): Promise<PoolResult> {
  const onProgress = opts.onProgress ?? (() => {});
  if (!opts.queue) return runLocal(dir, [...ids], opts.workers, onProgress, opts.signal);
  // NOTE: the Redis client and BullMQ load only for a queue (about 0.3 s of every other start).
  const { runQueued } = await import('./queue.js');
  return runQueued(dir, [...ids], opts.queue, onProgress, opts.signal);
}
