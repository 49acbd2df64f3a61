// Chaos: kill -9 at random points of `train`, `resume` (some in the middle of a file write:
// a checkpoint, the metrics log, meta, the summary) and of a two-worker sweep, then carry on as
// a user would (resume what holds a config, train what does not, re-run the sweep). Every run
// must end with the very log and summary of an uninterrupted run: the same lines, bit for bit
// (wall-clock times aside), no line twice. The kill points come from a seeded generator:
// GROKLAB_CHAOS_SEED=N reproduces a failing trial, GROKLAB_CHAOS_TRIALS=N runs more of them.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const SEED = Number(process.env.GROKLAB_CHAOS_SEED ?? 20251203);
const TRIALS = Number(process.env.GROKLAB_CHAOS_TRIALS ?? 20);
const SWEEP_TRIALS = 4;
const CONFIG = [
  '--set',
  'task.p=11',
  '--set',
  'model.embedDim=8',
  '--set',
  'model.hidden=[16]',
  '--set',
  'training.checkpointEvery=25',
  '--set',
  'training.batchSize=16',
  '--set',
  'training.earlyStop=null',
  '--steps',
  '300',
];

/** mulberry32: a small seeded generator, so a trial's kill points follow from its seed. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What must be identical: every log line without its wall-clock time, and the summary without its timings. */
function outcome(run: string): { lines: string[]; summary: unknown } {
  const lines = readFileSync(join(run, 'metrics.jsonl'), 'utf8').trim().split('\n');
  const { wall_s: _w, steps_per_s: _s, ...summary } = JSON.parse(readFileSync(join(run, 'summary.json'), 'utf8'));
  return { lines: lines.map((l) => JSON.stringify({ ...JSON.parse(l), wall_s: undefined })), summary };
}

/** No event twice: steps rise strictly per kind, and `done` is the one last line. */
function duplicates(run: string): string[] {
  const events = readFileSync(join(run, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { event: string; step: number });
  const problems: string[] = [];
  for (const kind of ['eval', 'checkpoint']) {
    const steps = events.filter((e) => e.event === kind).map((e) => e.step);
    if (steps.some((s, i) => i > 0 && s <= steps[i - 1])) problems.push(`${kind} steps not strictly rising: ${steps.join(',')}`);
  }
  if (events.filter((e) => e.event === 'done').length !== 1 || events.at(-1)?.event !== 'done') problems.push('not exactly one done event, last');
  return problems;
}

function start(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { stdio: 'ignore', env: { ...process.env, ...env } });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code)),
  );

/** Kills `child` with SIGKILL after `ms` unless it ended first. */
async function killAfter(child: ChildProcess, ms: number): Promise<void> {
  await Promise.race([sleep(ms), exited(child)]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited(child);
}

/** The pids of the processes whose parent is `pid` (Linux /proc). */
function children(pid: number): number[] {
  return readdirSync('/proc')
    .filter((f) => /^\d+$/.test(f))
    .filter((f) => {
      try {
        const stat = readFileSync(`/proc/${f}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** Finishes a run the way a user (or a sweep) would: resume it if it holds a config, else train it afresh. */
function finish(out: string): void {
  const args = existsSync(join(out, 'config.json')) ? ['resume', out] : ['train', ...CONFIG, '--out', out];
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`groklab ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
}

describe('chaos: kill -9 anywhere, then carry on', () => {
  const root = mkdtempSync(join(tmpdir(), 'groklab-chaos-'));
  const reference = join(root, 'reference');

  beforeAll(() => {
    const r = spawnSync(process.execPath, [BIN, 'train', ...CONFIG, '--out', reference], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it(`${TRIALS} killed trainings and resumes end bit-identical to an uninterrupted run (seed ${SEED})`, async () => {
    const expected = outcome(reference);
    // How long an uninterrupted run takes here: kill times are drawn up to it.
    const t0 = performance.now();
    spawnSync(process.execPath, [BIN, 'train', ...CONFIG, '--out', join(root, 'timing')]);
    const runMs = performance.now() - t0;
    const failures: string[] = [];
    const trial = async (k: number) => {
      const random = generator(SEED + k);
      const out = join(root, `trial-${k}`);
      const plan: string[] = [];
      // Up to three kills in a row: of the train, then of the resumes that follow.
      const kills = 1 + Math.floor(random() * 3);
      for (let i = 0; i < kills; i++) {
        const args = existsSync(join(out, 'config.json')) ? ['resume', out] : ['train', ...CONFIG, '--out', out];
        if (random() < 0.5) {
          // In the middle of the n-th file write of this process (checkpoints, log, meta, summary).
          const n = 1 + Math.floor(random() * 14);
          plan.push(`${args[0]} killed at write ${n}`);
          await exited(start(args, { GROKLAB_TEST_KILL_AT_WRITE: String(n) }));
        } else {
          const ms = Math.round(random() * runMs);
          plan.push(`${args[0]} killed after ${ms} ms`);
          await killAfter(start(args), ms);
        }
      }
      const label = `trial ${k} (seed ${SEED + k}: ${plan.join(', ')})`;
      try {
        const summary = existsSync(join(out, 'summary.json')) ? JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')) : null;
        if (summary?.status !== 'completed') finish(out);
        const got = outcome(out);
        if (JSON.stringify(got) !== JSON.stringify(expected)) failures.push(`${label}: log or summary differs from the uninterrupted run`);
        for (const p of duplicates(out)) failures.push(`${label}: ${p}`);
        const temporaries = readdirSync(join(out, 'checkpoints')).filter((f) => f.includes('.tmp-'));
        if (temporaries.length > 0 && summary?.status !== 'completed') failures.push(`${label}: temporary files left after resume: ${temporaries.join(', ')}`);
      } catch (error) {
        failures.push(`${label}: ${(error as Error).message}`);
      }
    };
    const queue = Array.from({ length: TRIALS }, (_, k) => k);
    const worker = async () => {
      for (let k = queue.shift(); k !== undefined; k = queue.shift()) await trial(k);
    };
    await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, worker));
    expect(failures, failures.join('\n')).toEqual([]);
  }, 900_000);

  it(`${SWEEP_TRIALS} two-worker sweeps killed -9 (with or without their workers) finish as an uninterrupted sweep`, async () => {
    const spec = join(root, 'spec.json');
    writeFileSync(
      spec,
      JSON.stringify({
        name: 'chaos',
        preset: 'mod97-mlp-adamw',
        method: 'grid',
        seeds: 2,
        config: { task: { p: 11 }, model: { embedDim: 8, hidden: [16] }, training: { steps: 300, checkpointEvery: 25, batchSize: 16, earlyStop: null } },
        parameters: { 'optimizer.weightDecay': { values: [0, 1] } },
      }),
    );
    const sweep = (out: string) => spawnSync(process.execPath, [BIN, 'sweep', spec, '--out', out, '--workers', '2'], { encoding: 'utf8' });
    const whole = join(root, 'sweep-reference');
    const t0 = performance.now();
    expect(sweep(whole).status).toBe(0);
    const sweepMs = performance.now() - t0;
    const ids = readdirSync(join(whole, 'runs'));
    const failures: string[] = [];
    for (let k = 0; k < SWEEP_TRIALS; k++) {
      const random = generator(SEED + 1000 + k);
      const out = join(root, `sweep-${k}`);
      const ms = Math.round(random() * sweepMs);
      // A whole machine dying takes the workers along; a killed sweep alone leaves them training.
      const withWorkers = k % 2 === 0;
      const child = spawn(process.execPath, [BIN, 'sweep', spec, '--out', out, '--workers', '2'], { stdio: 'ignore' });
      await Promise.race([sleep(ms), exited(child)]);
      if (withWorkers) for (const pid of children(child.pid!)) process.kill(pid, 'SIGKILL');
      child.kill('SIGKILL');
      await exited(child);
      const label = `sweep trial ${k} (seed ${SEED + 1000 + k}: killed after ${ms} ms${withWorkers ? ' with its workers' : ''})`;
      const again = sweep(out);
      if (again.status !== 0) {
        failures.push(`${label}: re-run exited with ${again.status}: ${again.stderr.trim().split('\n').slice(-3).join(' | ')}`);
        continue;
      }
      for (const id of ids) {
        if (JSON.stringify(outcome(join(out, 'runs', id))) !== JSON.stringify(outcome(join(whole, 'runs', id)))) failures.push(`${label}: run ${id} differs`);
        for (const p of duplicates(join(out, 'runs', id))) failures.push(`${label}: run ${id}: ${p}`);
      }
    }
    expect(failures, failures.join('\n')).toEqual([]);
  }, 900_000);
});
