import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { comparison, runQuick } from '../testing.js';
import { millerGpParity } from './gp-parity.js';

it('GP classification (quick): hidden parity reaches validation > 0.9 only after train, through the relevant lengthscales, and not without the KL', async () => {
  const report = await runQuick(millerGpParity);
  expect(comparison(report, 'hidden parity groks on every seed').verdict).toBe('reproduced');
  expect(comparison(report, 'validation accuracy > 0.9 only after train').verdict).toBe('reproduced');
  expect(comparison(report, 'inverse lengthscales of dims').verdict).toBe('reproduced');
  expect(comparison(report, 'without the KL term').verdict).toBe('reproduced');
  for (const plot of report.plots) expect(existsSync(join(report.out, plot))).toBe(true);
});
