// The sweep's child processes (dist/sweep/child.js: `npm run build:ts` first): one child trains
// job after job; a refusal keeps it, a failure or a kill -9 fails its job and the next job gets a
// fresh child; a stop ends the job in progress at a checkpoint.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { presetFromDefaults } from '../config/defaults.js';
import { ChildPool } from './child-pool.js';
import { SweepDir } from './directory.js';
import { expandSweep } from './expand.js';
import type { Job } from './job.js';
import { RunFailed } from './run-failed.js';
import { parseSweepSpec } from './spec.js';

const presets = { defaults: presetFromDefaults('the defaults as a preset', 'a test', {}) };

/** Two quick runs and one that would train for hours unless stopped or killed. */
function sweep(): { dir: SweepDir; quick: string[]; long: string } {
  const spec = parseSweepSpec({
    name: 'children',
    preset: 'defaults',
    config: { task: { p: 11 }, model: { embedDim: 8, hidden: [16] }, training: { checkpointEvery: 20, earlyStop: null } },
    method: 'grid',
    seeds: 1,
    parameters: { 'training.steps': { values: [40, 60, 10_000_000] } },
  });
  const runs = expandSweep(spec, presets);
  const dir = SweepDir.prepare(join(mkdtempSync(join(tmpdir(), 'groklab-children-')), 'sweep'), spec, runs);
  return { dir, quick: [runs[0].id, runs[1].id], long: runs[2].id };
}

const start = (dir: SweepDir, id: string): Job => ({ start: [{ config: dir.configPath(id), out: dir.runPath(id) }] });

/** The pid of the process that trains run `out`, once it holds the run's lock. */
async function driver(out: string): Promise<number> {
  const lock = join(out, 'run.lock');
  for (;;) {
    if (existsSync(lock)) {
      const holder = JSON.parse(readFileSync(lock, 'utf8') || '{}') as { pid?: number };
      if (holder.pid) return holder.pid;
    }
    await sleep(20);
  }
}

const pidOf = (out: string) => (JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as { pid: number }).pid;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('the child pool', () => {
  let pool: ChildPool;
  afterEach(() => pool.close());

  it('one child trains job after job, and a refusal (code 2) keeps it', async () => {
    pool = new ChildPool();
    const { dir, quick } = sweep();
    const heard: number[] = [];
    const [first] = await pool.run(start(dir, quick[0]), `run ${quick[0]}`, undefined, (step) => heard.push(step));
    expect(first.status).toBe('completed');
    // The first step is always told, later ones at most 4 times a second.
    expect(heard[0]).toBe(1);
    expect(heard.every((step, i) => step <= 40 && (i === 0 || step > heard[i - 1]))).toBe(true);
    const refused = pool.run({ resume: join(dir.path, 'none') }, 'run none');
    await expect(refused).rejects.toBeInstanceOf(RunFailed);
    await expect(refused).rejects.toMatchObject({ code: 2, message: expect.stringMatching(/run none refused to start: .*not a groklab run directory/) });
    const [second] = await pool.run(start(dir, quick[1]), `run ${quick[1]}`);
    expect(second.steps).toBe(60);
    const pid = pidOf(dir.runPath(quick[0]));
    expect(pid).not.toBe(process.pid);
    expect(pidOf(dir.runPath(quick[1]))).toBe(pid);
    await pool.close();
    expect(alive(pid)).toBe(false);
  }, 120_000);

  it('a failure (code 1) ends its child with the reason, and the next job gets a fresh child', async () => {
    pool = new ChildPool();
    const { dir, quick } = sweep();
    const tmp = mkdtempSync(join(tmpdir(), 'groklab-child-'));
    const failed = pool.run({ start: [{ config: join(tmp, 'missing.json'), out: join(tmp, 'out') }] }, 'run missing');
    await expect(failed).rejects.toMatchObject({ code: 1, message: expect.stringMatching(/run missing exited with code 1: .*ENOENT/) });
    expect(existsSync(join(tmp, 'out'))).toBe(false);
    const [summary] = await pool.run(start(dir, quick[0]), `run ${quick[0]}`);
    expect(summary.status).toBe('completed');
  }, 120_000);

  it('a child killed -9 fails its job (code null, no reply) and the next job gets a fresh child', async () => {
    pool = new ChildPool();
    const { dir, quick, long } = sweep();
    const killed = pool.run(start(dir, long), `run ${long}`);
    const pid = await driver(dir.runPath(long));
    process.kill(pid, 'SIGKILL');
    await expect(killed).rejects.toMatchObject({ code: null, message: expect.stringMatching(new RegExp(`run ${long} exited with code null`)) });
    const [summary] = await pool.run(start(dir, quick[0]), `run ${quick[0]}`);
    expect(summary.status).toBe('completed');
    expect(pidOf(dir.runPath(quick[0]))).not.toBe(pid);
  }, 120_000);

  it('a stop ends the job in progress at a checkpoint, and its child trains on', async () => {
    pool = new ChildPool();
    const { dir, quick, long } = sweep();
    const abort = new AbortController();
    const heard: number[] = [];
    const stopped = pool.run(start(dir, long), `run ${long}`, abort.signal, (step) => heard.push(step));
    const pid = await driver(dir.runPath(long));
    while (heard.length < 2) await sleep(20);
    abort.abort();
    const [summary] = await stopped;
    expect(summary.status).toBe('interrupted');
    expect(heard.at(-1)).toBeLessThanOrEqual(summary.steps);
    expect(dir.state(long)).toBe('partial');
    const [next] = await pool.run(start(dir, quick[0]), `run ${quick[0]}`);
    expect(next.status).toBe('completed');
    expect(pidOf(dir.runPath(quick[0]))).toBe(pid);
  }, 120_000);
});
