// The quick BNN reproduction (σ ∈ {0.05, 1} on a reduced parity problem) run end to end: the
// phenomenon test fails if a large initial spread of the means stops delaying generalization.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../report.js';
import { runReproduction } from '../runner.js';
import { judgeBnn, millerBnn, type BnnRow } from './bnn.js';

const out = mkdtempSync(join(tmpdir(), 'miller-bnn-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('miller-bnn --quick', () => {
  it('σ = 1 groks later than σ = 0.05; report and both figures written', async () => {
    const report = await runReproduction(millerBnn, { quick: true, out });
    const grows = report.comparisons.find((c) => c.quantity.startsWith('gap grows with σ'))!;
    expect(grows.verdict, String(grows.measured)).toBe('reproduced');
    // Measured 24 → 103 epochs: the large-σ gap is not just larger but longer by a margin.
    const [small, large] = String(grows.measured).match(/-?\d+/g)!.map(Number);
    expect(large - small).toBeGreaterThan(40);
    for (const plot of ['bnn-error-vs-complexity.png', 'bnn-error-complexity-curves.png']) expect(existsSync(join(out, plot))).toBe(true);
    const written = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(written.runs).toHaveLength(2);
    // Paper numbers are shown but not judged on the reduced problem.
    expect(written.comparisons.filter((c) => c.verdict === 'reproduced' || c.verdict === 'contradicted')).toHaveLength(1);
  });
});

describe('miller-bnn checks', () => {
  const row = (sigma: number, gap: number): BnnRow => ({
    sigma,
    seed: 0,
    train: 10,
    validation: 10 + gap,
    gap,
    complexityStart: 28,
    complexityEnd: 1.3,
    trainAccEnd: 0.98,
    testAccEnd: 0.96,
  });
  const sigmas = [0.05, 1];
  it("the full form judges gaps against the paper's ranges by the seeds' spread, and fails outside them", () => {
    const inRange = judgeBnn([row(0.05, 10), row(0.05, 15), row(0.05, 12), row(1, 400), row(1, 410), row(1, 420)], sigmas, false, 1500);
    expect(inRange.filter((c) => c.verdict === 'contradicted')).toEqual([]);
    // the quick problem's σ = 1 gap (≈ 103) against the paper's 388–431
    const short = judgeBnn([row(0.05, 10), row(0.05, 15), row(0.05, 12), row(1, 100), row(1, 105), row(1, 110)], sigmas, false, 1500);
    expect(short.find((c) => c.quantity.startsWith('gap (epochs), σ = 1'))!.verdict).toBe('contradicted');
    // and the σ effect itself fails when the large σ is not later
    expect(judgeBnn([row(0.05, 100), row(1, 20)], sigmas, false, 1500)[0].verdict).toBe('contradicted');
  });
  it("the quick form leaves the paper's numbers not checked, never passed", () => {
    const quick = judgeBnn([row(0.05, 24), row(1, 103)], sigmas, true, 600);
    expect(quick.filter((c) => c.verdict === 'reproduced').map((c) => c.quantity)).toEqual([quick[0].quantity]);
    expect(quick.slice(1).every((c) => c.verdict === 'not checked' && /not checked in quick form/.test(c.note!))).toBe(true);
  });
});
