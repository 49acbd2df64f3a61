// The quick concealment reproduction (x+y and x−y, l ∈ {0, 30}, one seed, 250 epochs) run end
// to end: the phenomenon test fails if spurious bits stop delaying generalization.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../report.js';
import { runReproduction } from '../runner.js';
import { comparison } from '../testing.js';
import { judgeConcealment, millerConcealment } from './concealment.js';

const out = mkdtempSync(join(tmpdir(), 'miller-concealment-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('miller-concealment --quick', () => {
  it('30 spurious bits delay generalization on both tasks; report, plot and resumable sweep written', async () => {
    const report = await runReproduction(millerConcealment, { quick: true, out });
    const grows = report.comparisons.find((c) => c.quantity.startsWith('every task'))!;
    expect(grows.verdict, String(grows.measured)).toBe('reproduced');
    // Each task's gap at l = 30 is at least 20 epochs longer than at l = 0 (measured ≈ 100 vs ≈ 5).
    for (const m of String(grows.measured).matchAll(/(-?\d+) → (-?\d+)/g)) expect(Number(m[2]) - Number(m[1])).toBeGreaterThan(20);
    expect(existsSync(join(out, 'concealment-gap-vs-l.png'))).toBe(true);
    expect((JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report).runs).toHaveLength(4);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('Pearson r');
    expect(existsSync(join(out, 'concealment', 'spec.json'))).toBe(true);
  });
});

it('concealment checks fail when spurious bits stop lengthening the gap, on one task or all', () => {
  const lengths = [0, 10, 20, 30];
  // Δ = 5·e^(0.08·l) with a small wobble per seed: the paper's law on two tasks, three seeds
  const rows = (growth: Record<string, number>) =>
    ['add', 'sub'].flatMap((operation) =>
      lengths.flatMap((l) =>
        [0, 1, 2].map((seed) => ({ operation, l, seed, train: 10, validation: 10, gap: 5 * Math.exp(growth[operation] * l) * (1 + 0.05 * (seed - 1)) })),
      ),
    );
  const verdicts = (g: Record<string, number>) => {
    const { comparisons } = judgeConcealment(rows(g), ['add', 'sub'], lengths);
    return (prefix: string) => comparison({ comparisons }, prefix).verdict;
  };
  const lawful = verdicts({ add: 0.08, sub: 0.08 });
  expect(lawful('mean gap grows')).toBe('reproduced');
  expect(lawful('every task')).toBe('reproduced');
  const oneFlat = verdicts({ add: 0.08, sub: -0.01 });
  expect(oneFlat('every task')).toBe('contradicted');
  const shrinking = verdicts({ add: -0.05, sub: -0.05 });
  expect(shrinking('mean gap grows')).toBe('contradicted');
  expect(shrinking('every task')).toBe('contradicted');
  expect(shrinking('Pearson r of (l, ln Δ), pooled')).toBe('contradicted');
});
