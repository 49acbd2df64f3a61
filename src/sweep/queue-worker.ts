// The worker side of the sweep queue: pulls runs from Redis and trains them through runOne,
// `concurrency` at a time, in long-lived child processes (child-pool.ts), until its signal is
// aborted.
import { hostname } from 'node:os';
import { WaitingError, Worker, type Job } from 'bullmq';
import type { Summary } from '../runs/summary.js';
import { ChildPool } from './child-pool.js';
import { SweepDir } from './directory.js';
import { QUEUE, connect, probe, showUrl, type RunJob } from './queue-redis.js';
import { runOne } from './run-one.js';

/**
 * Stalled-job recovery. A worker renews its jobs' locks every lockDuration / 2, which it can
 * always do on time because training runs in child processes. A dead worker's locks expire
 * 12.5–25 s after its death; the next stalled check (every 5 s, by any live worker) returns its
 * jobs to the queue: recovery 12.5–30 s after a worker dies. A training child orphaned by a
 * killed worker leaves within a fraction of a second (child.ts), before then.
 * A job may stall 3 times before it counts as failed. GROKLAB_QUEUE_LOCK_MS shortens all of
 * this for tests.
 */
const LOCK_MS = Number(process.env.GROKLAB_QUEUE_LOCK_MS) || 25_000;
const RECOVERY = { lockDuration: LOCK_MS, stalledInterval: LOCK_MS / 5, maxStalledCount: 3 };

async function train(
  job: Job<RunJob, Summary>,
  token: string | undefined,
  children: ChildPool,
  stop: AbortSignal,
  log: (line: string) => void,
): Promise<Summary> {
  const { dir, id } = job.data;
  const sweep = SweepDir.open(dir);
  log(`start ${id} (${dir}, attempt ${job.attemptsStarted})`);
  const summary = await runOne(sweep, id, { children, signal: stop }).catch((error: unknown) => {
    if (stop.aborted) return null;
    throw error;
  });
  if (summary && summary.status !== 'interrupted') {
    log(`done ${id}: ${summary.status}, ${summary.outcome}`);
    return summary;
  }
  // Stopped (runOne returns once the child has saved its checkpoint and answered): the run goes
  // back to the queue without using an attempt.
  await job.moveToWait(token);
  log(`returned ${id} to the queue at its last checkpoint`);
  throw new WaitingError();
}

/** Trains queued runs until `signal` is aborted, then lets the runs in progress checkpoint and returns them to the queue. */
export async function startWorker(url: string, opts: { concurrency: number; log: (line: string) => void; signal?: AbortSignal }): Promise<void> {
  await probe(url);
  const { log, signal } = opts;
  const redis = connect(url, 'worker');
  const name = `${hostname()}:${process.pid}`;
  // The processor takes BullMQ's per-job signal (3 parameters), aborted by worker.cancelJob.
  const stops = (cancel?: AbortSignal) => AbortSignal.any([signal, cancel].filter((s) => s !== undefined));
  const children = new ChildPool();
  const worker = new Worker<RunJob, Summary>(QUEUE, (job, token, cancel) => train(job, token, children, stops(cancel), log), {
    connection: redis,
    name,
    concurrency: opts.concurrency,
    ...RECOVERY,
  });
  // While Redis is down every reconnect attempt fails alike: say so once a minute.
  let lastError = { message: '', at: 0 };
  worker.on('error', (error) => {
    if (error.message === lastError.message && Date.now() - lastError.at < 60_000) return;
    lastError = { message: error.message, at: Date.now() };
    log(`error: ${error.message}`);
  });
  worker.on('failed', (job, error) => job && log(`failed ${job.data.id} (attempt ${job.attemptsMade} of ${job.opts.attempts}): ${error.message}`));
  worker.on('stalled', (jobId) => log(`took back ${jobId} from a worker that stopped answering`));
  // Another worker may already be training a run whose lock we lost: stop ours.
  worker.on('lockRenewalFailed', (jobIds) => jobIds.forEach((jid) => worker.cancelJob(jid, 'lost its lock')));
  await worker.waitUntilReady();
  log(`worker ${name}: training up to ${opts.concurrency} runs at a time from ${showUrl(url)}`);
  await new Promise<void>((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  log('stopping: the runs in progress save a checkpoint and go back to the queue');
  await worker.close();
  await children.close();
  await redis.quit();
}
