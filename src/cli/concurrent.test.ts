// One run, one driver: a second `resume` (or a resume while `train` still runs) is refused with
// exit code 2 naming the process that holds the run, and the run goes on as if it were alone.
// The runs are long on purpose and stopped with Ctrl-C once the refusal is seen, so a slow
// machine cannot let the first one finish before the second arrives.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));
const CONFIG = [
  '--set',
  'task.p=11',
  '--set',
  'model.embedDim=8',
  '--set',
  'model.hidden=[16]',
  '--set',
  'training.checkpointEvery=200',
  '--set',
  'training.batchSize=16',
  '--set',
  'training.earlyStop=null',
  '--steps',
  '1000000',
];

function start(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return { child, done: new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr }))) };
}

const has = (file: string, text: string) => existsSync(file) && readFileSync(file, 'utf8').includes(text);

/** Waits until the process `pid` holds the lock of run `dir` and trains (its Ctrl-C handler is in place). */
async function holding(dir: string, pid: number): Promise<void> {
  while (!(has(join(dir, 'run.lock'), `"pid":${pid},`) && has(join(dir, 'meta.json'), `"pid": ${pid},`) && existsSync(join(dir, 'config.json'))))
    await sleep(20);
}

function events(dir: string): { event: string; step: number }[] {
  return readFileSync(join(dir, 'metrics.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

describe('concurrent commands on one run', () => {
  const root = mkdtempSync(join(tmpdir(), 'groklab-concurrent-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('two resumes of one run: exactly one proceeds, the other exits 2 naming its pid', async () => {
    const out = join(root, 'run');
    // A run cut short at its first checkpoint (Ctrl-C: status interrupted, resumable).
    const first = start(['train', ...CONFIG, '--out', out]);
    while (!existsSync(join(out, 'checkpoints', 'step-200.ckpt'))) await sleep(20);
    first.child.kill('SIGINT');
    expect((await first.done).code).toBe(130);

    const a = start(['resume', out, '--json']);
    await holding(out, a.child.pid!);
    const rb = await start(['resume', out, '--json']).done;
    a.child.kill('SIGINT');
    const ra = await a.done;
    expect(ra.code, ra.stderr).toBe(130);
    expect(rb.code).toBe(2);
    expect(rb.stderr).toMatch(new RegExp(`is locked by pid ${a.child.pid} \\(groklab resume`));
    const log = events(out);
    expect(log.filter((e) => e.event === 'done')).toHaveLength(1);
    const evalSteps = log.filter((e) => e.event === 'eval').map((e) => e.step);
    expect(new Set(evalSteps).size).toBe(evalSteps.length);
  }, 300_000);

  it('a resume while the run is still training is refused, naming the training process', async () => {
    const out = join(root, 'training');
    const training = start(['train', ...CONFIG, '--out', out]);
    await holding(out, training.child.pid!);
    const r = spawnSync(process.execPath, [BIN, 'resume', out], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`is locked by pid ${training.child.pid} \\(groklab train`));
    training.child.kill('SIGINT');
    expect((await training.done).code).toBe(130);
    expect(events(out).filter((e) => e.event === 'done')).toHaveLength(1);
  }, 300_000);
});
