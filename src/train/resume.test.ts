// Interrupt a real training process (kill -9, or Ctrl-C), resume it, and compare every logged
// metric and every weight file with an uninterrupted run of the same config: they must be
// bit-identical.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const CONFIG = [
  '--set',
  'task.p=23',
  '--set',
  'model.embedDim=16',
  '--set',
  'model.hidden=[32]',
  '--set',
  'training.checkpointEvery=100',
  '--set',
  'training.batchSize=64',
  '--set',
  'training.earlyStop=null',
  '--steps',
  '3000',
];

const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

/** The eval events of a run, without wall-clock times. */
function evals(dir: string): unknown[] {
  return readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((e) => e.event === 'eval')
    .map(({ step, metrics }) => ({ step, metrics }));
}

/** Each weight file (snapshots and final) by name, as a hash of its bytes. */
function weightFiles(dir: string): Record<string, string> {
  const files = readdirSync(join(dir, 'weights')).sort();
  return Object.fromEntries(
    files.map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, 'weights', f)))
        .digest('hex'),
    ]),
  );
}

/** The newest checkpoint's step (only the newest two are kept on disk). */
function newestCheckpoint(out: string): number {
  const dir = join(out, 'checkpoints');
  if (!existsSync(dir)) return 0;
  return Math.max(0, ...readdirSync(dir).map((f) => Number(/^step-(\d+)\.ckpt$/.exec(f)?.[1] ?? 0)));
}

/** Starts a training process and stops it with `signal` once it has saved `checkpoints` checkpoints. */
async function interrupt(out: string, signal: NodeJS.Signals, checkpoints: number): Promise<number | null> {
  const child = spawn(process.execPath, [BIN, 'train', ...CONFIG, '--out', out], { stdio: 'ignore' });
  while (newestCheckpoint(out) < checkpoints * 100) {
    if (child.exitCode !== null) throw new Error('training finished before it could be interrupted');
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill(signal);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('resume', () => {
  const root = mkdtempSync(join(tmpdir(), 'groklab-resume-'));
  const reference = join(root, 'reference');

  it('an uninterrupted reference run', () => {
    expect(run(['train', ...CONFIG, '--out', reference]).status).toBe(0);
    const files = Object.keys(weightFiles(reference));
    expect(files).toContain('final.safetensors');
    expect(files.length).toBeGreaterThan(30);
  });

  it('after kill -9 mid-run: a readable directory, and resume reproduces the metrics bit for bit', async () => {
    const out = join(root, 'killed');
    await interrupt(out, 'SIGKILL', 2);
    const show = JSON.parse(run(['runs', 'show', out]).stdout);
    expect(show.meta.status).toBe('killed (resumable)');
    expect(show.checkpoints.length).toBeGreaterThan(0);
    const resumed = run(['resume', out, '--json']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(evals(out)).toEqual(evals(reference));
    expect(weightFiles(out)).toEqual(weightFiles(reference));
    expect(JSON.parse(resumed.stdout.trim().split('\n').pop()!).status).toBe('completed');
  });

  it('a damaged newest checkpoint: resume says so, continues from the one before, and still reproduces the metrics', async () => {
    const out = join(root, 'damaged');
    await interrupt(out, 'SIGKILL', 3);
    const newest = newestCheckpoint(out);
    const file = join(out, 'checkpoints', `step-${newest}.ckpt`);
    const bytes = readFileSync(file);
    writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
    const resumed = run(['resume', out]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(new RegExp(`passing over the checkpoint of step ${newest}: .*step-${newest}\\.ckpt is truncated`));
    expect(resumed.stderr).toMatch(/resuming from the checkpoint of step \d+/);
    expect(evals(out)).toEqual(evals(reference));
  });

  it('after Ctrl-C: status interrupted, exit 130, and resume reproduces the metrics', async () => {
    const out = join(root, 'interrupted');
    expect(await interrupt(out, 'SIGINT', 3)).toBe(130);
    expect(JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')).status).toBe('interrupted');
    expect(run(['resume', out]).status).toBe(0);
    expect(evals(out)).toEqual(evals(reference));
    expect(weightFiles(out)).toEqual(weightFiles(reference));
  });
});
