// Ctrl-C during a reproduction: its runs checkpoint and stop, and the CLI says how to resume in
// one line (exit code 130), never with a stack trace.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'groklab-reproduce-interrupt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

it('an interrupted reproduction exits 130 with one line that says how to resume', async () => {
  const out = join(root, 'power');
  const child = spawn(process.execPath, [BIN, 'reproduce', 'power-fig1', '--quick', '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  // A run in training: it holds its lock.
  const runs = join(out, 'fractions', 'runs');
  const training = () => existsSync(runs) && readdirSync(runs).some((id) => existsSync(join(runs, id, 'run.lock')));
  while (!training()) await sleep(50);
  child.kill('SIGINT');
  expect(await exited, stderr).toBe(130);
  expect(stderr).toMatch(/^groklab: fractions: interrupted; run the reproduction again to resume$/m);
  expect(stderr).not.toMatch(/^\s+at /m);
}, 120_000);
