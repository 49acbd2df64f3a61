// The quick BNN reproduction (σ ∈ {0.05, 1} on a reduced parity problem) run end to end: the
// phenomenon test fails if a large initial spread of the means stops delaying generalization.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../report.js';
import { runReproduction } from '../runner.js';
import { millerBnn } from './bnn.js';

const out = mkdtempSync(join(tmpdir(), 'miller-bnn-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('miller-bnn --quick', () => {
  it('σ = 1 groks later than σ = 0.05; report and both figures written', async () => {
    const report = await runReproduction(millerBnn, { quick: true, out });
    const grows = report.comparisons.find((c) => c.quantity.startsWith('gap grows with σ'))!;
    expect(grows.within, String(grows.measured)).toBe(true);
    // Measured 24 → 103 epochs: the large-σ gap is not just larger but longer by a margin.
    const [small, large] = String(grows.measured).match(/-?\d+/g)!.map(Number);
    expect(large - small).toBeGreaterThan(40);
    for (const plot of ['bnn-error-vs-complexity.png', 'bnn-error-complexity-curves.png']) expect(existsSync(join(out, plot))).toBe(true);
    const written = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(written.runs).toHaveLength(2);
    // Paper numbers are shown but not judged on the reduced problem.
    expect(written.comparisons.filter((c) => c.within !== null)).toHaveLength(1);
  });
});
