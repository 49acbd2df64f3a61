// Distributed sweeps on Redis with BullMQ: `groklab sweep --queue URL` enqueues one job per
// unfinished run and follows them; `groklab worker`s on any machine train them with runOne
// into the sweep directory, which all of them share. A job carries the absolute sweep path and
// the run id, and the run directory stays the truth: a retried job resumes it from its newest
// checkpoint, and results are read from its summary.json, so no run is lost or counted twice.
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { readSummary, type Summary } from '../runs/summary.js';
import type { SweepDir } from './directory.js';
import type { PoolResult, SweepProgress } from './pool.js';
import { QUEUE, connect, probe, showUrl, type RunJob } from './queue-redis.js';
import { RunFailed } from './run-failed.js';

export { startWorker } from './queue-worker.js';

/** A failing run is tried 3 times, 10 s and then 20 s apart, on whichever worker is free. */
const JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 10_000 } };
const POLL_MS = 500;
/** How long a job may be completed before its summary.json shows up here (a shared filesystem's cache). */
const SUMMARY_LAG_MS = 60_000;

/** Unique per sweep directory and run, so that enqueuing a sweep again adds no duplicates. */
export function jobId(sweepPath: string, id: string): string {
  return `${createHash('sha256').update(resolve(sweepPath)).digest('hex').slice(0, 16)}-${id}`;
}

function finishedSummary(dir: SweepDir, id: string): Summary {
  const summary = readSummary(dir.runPath(id));
  if (summary === null) throw new Error(`run ${id}: ${dir.runPath(id)} has no summary.json`);
  return summary;
}

/** Which of these jobs are completed, failed (all attempts used) or active; one round trip. */
async function states(queue: Queue, redis: Redis, jobIds: string[]): Promise<{ completed: Set<string>; failed: Set<string>; active: Set<string> }> {
  // ZSCORE on BullMQ's finished sets: getJobState would scan the whole wait list for every job.
  const pipe = redis.pipeline().lrange(queue.keys.active, 0, -1);
  for (const jid of jobIds) pipe.zscore(queue.keys.completed, jid).zscore(queue.keys.failed, jid);
  const replies = (await pipe.exec()) ?? [];
  const error = replies.find(([e]) => e)?.[0];
  if (error) throw error;
  const [[, active], ...scores] = replies;
  return {
    completed: new Set(jobIds.filter((_, i) => scores[2 * i][1] !== null)),
    failed: new Set(jobIds.filter((_, i) => scores[2 * i + 1][1] !== null)),
    active: new Set(active as string[]),
  };
}

/** Enqueues the runs; a finished job of a run that is not done on disk (failed, or its directory removed) is replaced. */
async function enqueue(queue: Queue<RunJob, Summary>, redis: Redis, sweepPath: string, pending: Map<string, string>): Promise<void> {
  const { completed, failed } = await states(queue, redis, [...pending.values()]);
  for (const jid of pending.values()) if (completed.has(jid) || failed.has(jid)) await queue.remove(jid);
  // Jobs still waiting or being trained (an earlier `sweep` was interrupted) keep their place.
  await queue.addBulk([...pending].map(([id, jid]) => ({ name: 'run', data: { dir: sweepPath, id }, opts: { jobId: jid, ...JOB_OPTIONS } })));
}

/**
 * Trains the sweep's unfinished runs on the workers of the queue at `url` and waits for them.
 * Aborting withdraws the runs no worker has started yet (those in progress finish).
 */
export async function runQueued(dir: SweepDir, ids: string[], url: string, onProgress: (p: SweepProgress) => void, signal?: AbortSignal): Promise<PoolResult> {
  await probe(url);
  const sweepPath = resolve(dir.path);
  const summaries = new Map<string, Summary>();
  const pending = new Map<string, string>();
  for (const id of ids) {
    if (dir.state(id) === 'done') summaries.set(id, finishedSummary(dir, id));
    else pending.set(id, jobId(sweepPath, id));
  }
  const progress: SweepProgress = { total: ids.length, done: summaries.size, running: 0, skipped: summaries.size };
  const redis = connect(url, 'sweep');
  const queue = new Queue<RunJob, Summary>(QUEUE, { connection: redis });
  queue.on('error', () => {}); // a lost connection fails the next command, which is reported
  try {
    if (pending.size > 0) await enqueue(queue, redis, sweepPath, pending);
    onProgress({ ...progress });
    const failures: string[] = [];
    const completedAt = new Map<string, number>();
    while (pending.size > 0 && !signal?.aborted) {
      const { completed, failed, active } = await states(queue, redis, [...pending.values()]);
      for (const [id, jid] of pending) {
        if (failed.has(jid)) {
          const job = await queue.getJob(jid);
          failures.push(`run ${id} failed ${job?.attemptsMade ?? '?'} times: ${job?.failedReason ?? 'unknown reason'}`);
          pending.delete(id);
        } else if (completed.has(jid) && dir.state(id) === 'done') {
          summaries.set(id, finishedSummary(dir, id));
          pending.delete(id);
        } else if (completed.has(jid)) {
          const since = completedAt.get(id) ?? Date.now();
          completedAt.set(id, since);
          if (Date.now() - since > SUMMARY_LAG_MS) {
            throw new RunFailed(
              `run ${id}: a worker finished it, but ${dir.runPath(id)} holds no finished summary.json; do the workers write to this same sweep directory?`,
            );
          }
        }
      }
      progress.done = summaries.size;
      progress.running = [...pending.values()].filter((jid) => active.has(jid)).length;
      onProgress({ ...progress });
      if (pending.size > 0) await sleep(POLL_MS, undefined, { signal }).catch(() => {});
    }
    if (signal?.aborted) await Promise.all([...pending.values()].map((jid) => queue.remove(jid)));
    if (failures.length > 0) throw new RunFailed(failures.join('\n'));
    return { summaries, interrupted: pending.size > 0 };
  } catch (error) {
    if (error instanceof RunFailed) throw error;
    throw new Error(`sweep queue at ${showUrl(url)}: ${(error as Error).message}`, { cause: error });
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
