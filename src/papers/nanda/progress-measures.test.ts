import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { AnalysisLine } from '../../analysis/index.js';
import { comparison, runQuick } from '../testing.js';
import { fourierStructure, judgeProgressMeasures, nandaProgressMeasures, type ProgressReading } from './progress-measures.js';

it('nanda-progress-measures (quick): Fourier structure at the end and not at initialization; excluded loss rises before test accuracy', async () => {
  const report = await runQuick(nandaProgressMeasures);
  expect(comparison(report, 'the Fourier structure at the end').verdict).toBe('reproduced');
  expect(comparison(report, 'excluded loss turns to rise before test accuracy rises').verdict).toBe('reproduced');
  expect(comparison(report, 'the phases come in order').verdict).toBe('reproduced');
  // the check is not vacuous: the same rule finds no structure in the random initial embedding
  const lines = readFileSync(join(report.out, report.runs[0], 'analysis.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as AnalysisLine);
  expect(lines.length).toBeGreaterThanOrEqual(20);
  expect(lines[0].step).toBe(0);
  expect(fourierStructure(lines[0], 97).present).toBe(false);
  // the quick form skips the paper's step counts rather than passing them
  expect(report.comparisons.some((c) => c.quantity.startsWith('end of memorization'))).toBe(false);
}, 300_000);

it("progress-measure checks pass on the paper's phases and fail without the structure, with the phases out of order or a norm that grows", () => {
  const paper: ProgressReading = {
    structure: { present: true, text: 'key frequencies [14, 35, 41, 42, 52]' },
    phases: { memorizationEnd: 1400, cleanupStart: 9400, cleanupEnd: 13000 },
    tGen: 11_000,
    keys: '5: [14, 35, 41, 42, 52]',
    normAtCleanupStart: 40,
    normAtCleanupEnd: 30,
  };
  const verdicts = (r: ProgressReading) => {
    const report = { comparisons: judgeProgressMeasures(r, false) };
    return (prefix: string) => comparison(report, prefix).verdict;
  };
  for (const check of ['the Fourier structure', 'excluded loss turns to rise', 'the phases come in order', 'total weight norm falls'])
    expect(verdicts(paper)(check), check).toBe('reproduced');
  expect(verdicts({ ...paper, structure: { present: false, text: 'no key frequency' } })('the Fourier structure')).toBe('contradicted');
  const late = verdicts({ ...paper, phases: { memorizationEnd: 12_000, cleanupStart: 9400, cleanupEnd: 13_000 } });
  expect(late('excluded loss turns to rise')).toBe('contradicted');
  expect(late('the phases come in order')).toBe('contradicted');
  expect(verdicts({ ...paper, normAtCleanupEnd: 45 })('total weight norm falls')).toBe('contradicted');
});
