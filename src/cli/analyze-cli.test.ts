// `groklab analyze` through the real binary: what it writes for a run, and what it refuses.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

function groklab(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tiny = ['--set', 'task.p=11', '--set', 'model.embedDim=8', '--set', 'model.hidden=[16]', '--steps', '40', '--set', 'training.checkpointEvery=10'];

describe('groklab analyze', () => {
  const root = mkdtempSync(join(tmpdir(), 'groklab-analyze-'));
  const run = join(root, 'add');
  const product = join(root, 'mul');

  beforeAll(() => {
    for (const [out, extra] of [
      [run, []],
      [product, ['--set', 'task.operation=mul']],
    ] as const) {
      const r = groklab(['train', ...tiny, ...extra, '--out', out]);
      expect(r.code, r.stderr).toBe(0);
    }
  }, 120_000);

  it('writes one analysis.jsonl line per snapshot with every measure that applies, and the figure', () => {
    const r = groklab(['analyze', run]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['analysis.jsonl', 'analysis.svg', 'analysis.png']) expect(existsSync(join(run, f)), f).toBe(true);
    const lines = readFileSync(join(run, 'analysis.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBeGreaterThanOrEqual(2);
    const steps = lines.map((l) => l.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    for (const line of lines) expect(Object.keys(line.measures).sort()).toEqual(['fourier', 'pca', 'progress', 'softmax-collapse', 'weights']);
    const last = lines.at(-1);
    expect(last.measures.fourier.frequency_norms).toHaveLength(5);
    expect(last.measures.fourier.basis_norms).toHaveLength(11);
    expect(Object.keys(last.measures.weights.matrices).sort()).toEqual(['embed', 'w0', 'w1']);
  }, 60_000);

  it('runs only the measures asked for, with their options', () => {
    const copy = join(root, 'copy');
    cpSync(run, copy, { recursive: true });
    const r = groklab(['analyze', copy, '--measure', 'fourier:threshold=1.5', '--measure', 'progress:frequencies=[1,3]']);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(join(copy, 'analysis.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(Object.keys(lines[0].measures)).toEqual(['fourier', 'progress']);
    expect(lines[0].measures.progress.key_frequencies).toEqual([1, 3]);
  }, 60_000);

  it('bad input: exit 2, one line naming the argument and the allowed values, nothing written', () => {
    const empty = join(root, 'empty');
    cpSync(product, empty, { recursive: true });
    for (const d of ['checkpoints', 'weights']) rmSync(join(empty, d), { recursive: true, force: true });
    const cases: [string, string[], RegExp][] = [
      [product, ['--measure', 'nope'], /--measure: unknown measure "nope"; allowed: fourier, progress, pca, weights, softmax-collapse/],
      [
        product,
        ['--measure', 'progress'],
        /--measure: "progress" needs modular addition or subtraction.*; measures that apply: fourier, pca, weights, softmax-collapse/,
      ],
      [product, ['--measure', 'fourier:bogus=1'], /--measure fourier: unknown option bogus; allowed: threshold/],
      [product, ['--measure', 'fourier:threshold=-1'], /--measure fourier\.threshold: /],
      [empty, [], /RUN: .* has no parameter snapshots/],
      [join(root, 'missing'), [], /not a groklab run directory/],
    ];
    for (const [dir, args, pattern] of cases) {
      const r = groklab(['analyze', dir, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      for (const f of ['analysis.jsonl', 'analysis.svg', 'analysis.png']) expect(existsSync(join(dir, f)), `${args.join(' ')}: ${f}`).toBe(false);
    }
  }, 240_000);
});
