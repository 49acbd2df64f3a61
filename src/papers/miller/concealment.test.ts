// The quick concealment reproduction (x+y and x−y, l ∈ {0, 30}, one seed, 250 epochs) run end
// to end: the phenomenon test fails if spurious bits stop delaying generalization.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../report.js';
import { runReproduction } from '../runner.js';
import { millerConcealment } from './concealment.js';

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
