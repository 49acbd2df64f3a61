// The bad-input corpus (bad-input.yaml) through the real binary: every case exits 2 with a
// short message naming what was wrong, and changes no byte of its own directory nor of a
// finished run that every case could reach.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, hostname, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deepMerge, type Json } from '../config/merge.js';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

interface Case {
  args: string[];
  names: string;
  error?: string;
  files?: Record<string, string>;
  damage?: Record<string, string | null | { set: string; to: Json }>;
  spec?: Record<string, Json>;
  members?: Json[];
  lock?: 'live';
}

const CASES = parse(readFileSync(fileURLToPath(new URL('./bad-input.yaml', import.meta.url)), 'utf8')) as Case[];

const SPEC = {
  name: 'bad-input',
  preset: 'mod97-mlp-adamw',
  method: 'grid',
  config: { task: { p: 11 }, training: { steps: 10 } },
  parameters: { 'optimizer.weightDecay': { values: [0, 1] } },
};
const SPARSE = {
  task: { name: 'sparse-recovery', n: 20, s: 2, N: 8, designVariance: '1/N', coherence: 0, snr: null, seed: 0 },
  model: { name: 'diagonal-linear', depth: 1, init: 'ones', initScale: 1e-6 },
  optimizer: {
    name: 'chain',
    transforms: [
      { name: 'addL1Subgradient', beta: 1e-4 },
      { name: 'sgd', lr: 0.1 },
    ],
  },
  training: { steps: 50, batchSize: 'full', dtype: 'float64', evalsPerDecade: 5, checkpointEvery: 25, earlyStop: null, seed: 0 },
  detection: { trainMetric: 'train_error', testMetric: 'test_error', direction: 'below', trainThreshold: 1e-3, testThreshold: 1e-3 },
};
const TINY = ['--set', 'task.p=11', '--set', 'model.embedDim=8', '--set', 'model.hidden=[16]', '--steps', '60', '--set', 'training.checkpointEvery=20'];

/** Every file under `root` (names, sizes and bytes) as one hash; directories count by their entries. */
function treeHash(root: string): string {
  const hash = createHash('sha256');
  const walk = (path: string, rel: string) => {
    if (statSync(path).isDirectory()) {
      hash.update(`dir ${rel}\n`);
      for (const name of readdirSync(path).sort()) walk(join(path, name), `${rel}/${name}`);
    } else hash.update(`file ${rel}\n`).update(readFileSync(path));
  };
  walk(root, '.');
  return hash.digest('hex');
}

function setPath(value: Json, path: string, to: Json): Json {
  return deepMerge(
    value,
    path.split('.').reduceRight<Json>((inner, k) => ({ [k]: inner }), to),
  );
}

/** A bad input is refused at once: a case still running after this long is stopped and fails. */
const CASE_TIMEOUT_MS = 60_000;

function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), CASE_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr: code === null ? `still running after ${CASE_TIMEOUT_MS / 1000} s\n${stderr}` : stderr });
    });
  });
}

describe('the bad-input corpus', () => {
  const root = mkdtempSync(join(tmpdir(), 'groklab-bad-input-'));
  const finished = join(root, 'finished');
  let finishedHash = '';

  beforeAll(() => {
    const r = spawnSync(process.execPath, [BIN, 'train', ...TINY, '--out', finished], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    finishedHash = treeHash(finished);
  }, 120_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** The case's directory, made as the case asks; returns the arguments with placeholders filled in. */
  function prepare(c: Case, i: number): { dir: string; args: string[]; names: string } {
    const dir = join(root, `case-${i}`);
    mkdirSync(dir);
    const fill = (s: string) =>
      s
        .replaceAll('{resumable}', join(dir, 'resumable'))
        .replaceAll('{run}', finished)
        .replaceAll('{file}', join(dir, 'file.txt'))
        .replaceAll('{spec}', join(dir, 'spec.json'))
        .replaceAll('{pid}', String(process.pid))
        .replace(/\{m(\d+)\}/g, (_, k: string) => join(dir, `m${k}.json`))
        .replaceAll('{dir}', dir);
    const args = c.args.map(fill);
    for (const [name, text] of Object.entries(c.files ?? {})) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    if (c.args.some((a) => a.includes('{file}'))) writeFileSync(join(dir, 'file.txt'), 'not a directory\n');
    if (c.args.some((a) => a.includes('{spec}'))) {
      const spec: Record<string, Json> = { ...SPEC, ...c.spec };
      for (const [k, v] of Object.entries(spec)) if (v === null) delete spec[k];
      writeFileSync(join(dir, 'spec.json'), JSON.stringify(spec));
    }
    (c.members ?? []).forEach((m, k) => writeFileSync(join(dir, `m${k}.json`), JSON.stringify(deepMerge(SPARSE as unknown as Json, m))));
    if (c.args.some((a) => a.includes('{resumable}'))) {
      const resumable = join(dir, 'resumable');
      cpSync(finished, resumable, { recursive: true });
      rmSync(join(resumable, 'summary.json'));
      const meta = JSON.parse(readFileSync(join(resumable, 'meta.json'), 'utf8'));
      writeFileSync(join(resumable, 'meta.json'), JSON.stringify({ ...meta, status: 'interrupted' }));
      for (const [file, change] of Object.entries(c.damage ?? {})) {
        const path = join(resumable, file);
        if (change === null) rmSync(path);
        else if (typeof change === 'string') writeFileSync(path, change);
        else writeFileSync(path, JSON.stringify(setPath(JSON.parse(readFileSync(path, 'utf8')), change.set, change.to)));
      }
      if (c.lock === 'live') {
        const holder = { pid: process.pid, host: hostname(), command: 'resume', since: new Date().toISOString(), processStart: null };
        writeFileSync(join(resumable, 'run.lock'), JSON.stringify(holder));
      }
    }
    return { dir, args, names: fill(c.names) };
  }

  it(`has at least 80 cases across train, resume, sweep, ensemble, reproduce and export`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(80);
    for (const command of ['train', 'resume', 'sweep', 'ensemble', 'reproduce', 'export'])
      expect(
        CASES.some((c) => c.args[0] === command),
        command,
      ).toBe(true);
  });

  it('every case: exit code 2, a message naming the field or argument, no stack trace, no byte changed', async () => {
    const failures: string[] = [];
    const queue = CASES.map((c, i) => ({ c, i }));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const { c, i } = next;
        const { dir, args, names } = prepare(c, i);
        const before = treeHash(dir);
        const r = await run(args);
        const label = `case ${i} (groklab ${c.args.join(' ')})`;
        const message = r.stderr.trim();
        const problems = [
          r.code !== 2 && `exit code ${r.code}`,
          !message.includes(names) && `message does not name ${names}`,
          c.error !== undefined && !new RegExp(c.error).test(message) && `message does not match /${c.error}/`,
          /^\s+at /m.test(message) && 'stack trace',
          treeHash(dir) !== before && 'its directory changed',
        ].filter(Boolean);
        if (problems.length > 0) failures.push(`${label}: ${problems.join(', ')}\n    ${message.split('\n').join('\n    ')}`);
      }
    };
    await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, worker));
    expect(failures, failures.join('\n')).toEqual([]);
    expect(treeHash(finished)).toBe(finishedHash);
  }, 600_000);
});
