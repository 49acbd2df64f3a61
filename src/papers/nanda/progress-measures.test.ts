import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { AnalysisLine } from '../../analysis/index.js';
import { comparison, runQuick } from '../testing.js';
import { fourierStructure, nandaProgressMeasures } from './progress-measures.js';

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
