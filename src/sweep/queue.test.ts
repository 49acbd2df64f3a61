// The distributed sweep against a real redis-server on a loopback port, with workers as
// separate `groklab worker` processes of the built CLI (npm test builds first).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Summary } from '../runs/summary.js';
import { SweepDir } from './directory.js';
import { presetFromDefaults } from '../config/defaults.js';
import { expandSweep } from './expand.js';
import type { SweepProgress } from './pool.js';
import { jobId, runQueued } from './queue.js';
import { QUEUE, type RunJob } from './queue-redis.js';
import { parseSweepSpec } from './spec.js';

const REDIS_SERVER = '/usr/bin/redis-server';
const CLI = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const UNREACHABLE = 'redis://127.0.0.1:1';

const hasRedis = existsSync(REDIS_SERVER);
if (!hasRedis) console.warn(`sweep queue tests skipped: ${REDIS_SERVER} is not installed (.ci/run installs it)`);

let tmp = '';
let server: ChildProcess | undefined;
let url = '';
let redis: Redis;
let queue: Queue<RunJob, Summary>;
const workers: { process: ChildProcess; log: string }[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** A sweep directory of 6 tiny runs (3 weight decays × 2 train fractions). */
function prepareSweep(name: string, steps: number): { dir: SweepDir; ids: string[] } {
  const spec = parseSweepSpec({
    name,
    preset: 'mod97-mlp-adamw',
    method: 'grid',
    seeds: 1,
    config: { task: { p: 11 }, model: { embedDim: 8, hidden: [16] }, training: { steps, checkpointEvery: 100, earlyStop: null } },
    parameters: { 'optimizer.weightDecay': { values: [0, 0.5, 1] }, 'task.trainFraction': { values: [0.3, 0.6] } },
  });
  const runs = expandSweep(spec, { 'mod97-mlp-adamw': presetFromDefaults('the defaults as a preset', 'a test', {}) });
  return { dir: SweepDir.prepare(join(tmp, name), spec, runs), ids: runs.map((r) => r.id) };
}

/** Starts a worker process with a 3 s lock (recovery in seconds), resolving once it listens to the queue. */
async function startWorker(): Promise<{ process: ChildProcess; log: string }> {
  const child = spawn(process.execPath, [CLI, 'worker', '--queue', url, '--concurrency', '1'], {
    env: { ...process.env, GROKLAB_QUEUE_LOCK_MS: '3000' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const worker = { process: child, log: '' };
  child.stderr!.on('data', (d: Buffer) => (worker.log += d.toString()));
  workers.push(worker);
  for (let i = 0; i < 200 && !worker.log.includes('training up to'); i++) await sleep(50);
  expect(worker.log).toContain('training up to');
  return worker;
}

function cli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

/** Every run finished exactly once: one summary, one `done` event, one completed job. */
async function expectEachRunOnce(dir: SweepDir, ids: string[], summaries: Map<string, Summary>): Promise<void> {
  expect([...summaries.keys()].sort()).toEqual([...ids].sort());
  for (const id of ids) {
    expect(dir.state(id)).toBe('done');
    const events = readFileSync(join(dir.runPath(id), 'metrics.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string });
    expect(events.filter((e) => e.event === 'done')).toHaveLength(1);
    expect(summaries.get(id)).toEqual(JSON.parse(readFileSync(join(dir.runPath(id), 'summary.json'), 'utf8')));
  }
  expect(await queue.getCompletedCount()).toBe(ids.length);
  expect(await queue.getFailedCount()).toBe(0);
}

describe.skipIf(!hasRedis)('distributed sweep on Redis', () => {
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'groklab-queue-'));
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    server = spawn(REDIS_SERVER, ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1'], { stdio: 'ignore' });
    redis = new Redis(url, { maxRetriesPerRequest: null, retryStrategy: () => 100 });
    redis.on('error', () => {}); // until the server is up
    await redis.ping();
    queue = new Queue(QUEUE, { connection: redis });
  });

  afterEach(async () => {
    await Promise.all(
      workers.splice(0).map((w) => {
        if (w.process.exitCode !== null || w.process.signalCode !== null) return;
        w.process.kill('SIGTERM');
        return new Promise((resolve) => w.process.on('close', resolve));
      }),
    );
    await redis.flushall();
  });

  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    server?.kill();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('trains every run of a sweep exactly once on two worker processes', async () => {
    const { dir, ids } = prepareSweep('two-workers', 200);
    await Promise.all([startWorker(), startWorker()]);
    const seen: SweepProgress[] = [];
    const result = await runQueued(dir, ids, url, (p) => seen.push(p));
    expect(result.interrupted).toBe(false);
    await expectEachRunOnce(dir, ids, result.summaries);
    expect(seen.at(-1)).toEqual({ total: 6, done: 6, running: 0, skipped: 0 });
    expect(Math.max(...seen.map((p) => p.running))).toBeLessThanOrEqual(2);
    const jobs = await Promise.all(ids.map((id) => queue.getJob(jobId(dir.path, id))));
    expect(new Set(jobs.map((j) => j?.processedBy)).size).toBe(2);

    // Run again: everything is skipped and no job is added.
    const again = await runQueued(dir, ids, url, (p) => seen.push(p));
    expect(again.summaries).toEqual(result.summaries);
    expect(seen.at(-1)).toEqual({ total: 6, done: 6, running: 0, skipped: 6 });
    expect(await queue.count()).toBe(0);
    expect(await queue.getCompletedCount()).toBe(6);
  }, 60_000);

  it('recovers the run of a worker killed with SIGKILL mid-training', async () => {
    const { dir, ids } = prepareSweep('killed-worker', 2000);
    const [victim] = await Promise.all([startWorker(), startWorker()]);
    const sweep = runQueued(dir, ids, url, () => {});
    // Wait until the victim trains a run that has saved a checkpoint, then kill it.
    let killed: string | undefined;
    while (!killed) {
      await sleep(100);
      for (const job of await queue.getActive()) {
        const checkpoints = join(dir.runPath(job.data.id), 'checkpoints');
        if (job.processedBy?.endsWith(`:${victim.process.pid}`) && existsSync(checkpoints) && readdirSync(checkpoints).length > 0) killed = job.data.id;
      }
    }
    victim.process.kill('SIGKILL');
    const result = await sweep;
    expect(result.interrupted).toBe(false);
    await expectEachRunOnce(dir, ids, result.summaries);
    const job = await queue.getJob(jobId(dir.path, killed));
    expect(job?.attemptsStarted).toBe(2);
    expect(job?.processedBy).not.toMatch(new RegExp(`:${victim.process.pid}$`));
  }, 90_000);

  it('withdraws the runs no worker has started when the sweep is interrupted', async () => {
    const { dir, ids } = prepareSweep('interrupted', 200);
    const abort = new AbortController();
    let enqueued = -1;
    // No worker runs: once the jobs are waiting, interrupt.
    const onProgress = () => void queue.getWaitingCount().then((n) => ((enqueued = n), abort.abort()));
    const result = await runQueued(dir, ids, url, onProgress, abort.signal);
    expect(result).toEqual({ summaries: new Map(), interrupted: true });
    expect(enqueued).toBe(6);
    expect(await queue.count()).toBe(0);
  });

  it('fails fast with exit code 2 and no partial state when Redis is unreachable', async () => {
    const worker = await cli(['worker', '--queue', UNREACHABLE]);
    expect(worker.code).toBe(2);
    expect(worker.stderr).toContain(`cannot reach Redis at ${UNREACHABLE}`);
    expect((await cli(['worker', '--queue', 'localhost:6379'])).code).toBe(2);

    const spec = join(tmp, 'unreachable.json');
    writeFileSync(
      spec,
      JSON.stringify({
        name: 'u',
        preset: 'mod97-mlp-adamw',
        method: 'grid',
        config: { task: { p: 11 } },
        parameters: { 'optimizer.weightDecay': { values: [0, 1] } },
      }),
    );
    const out = join(tmp, 'unreachable');
    const sweep = await cli(['sweep', spec, '--out', out, '--queue', UNREACHABLE]);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toContain(`cannot reach Redis at ${UNREACHABLE}`);
    // The queue is reached before anything is written.
    expect(existsSync(out)).toBe(false);
  });
});
