import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { comparison, runQuick } from '../testing.js';
import { millerGpParity } from './gp-parity.js';

it('GP classification (quick): hidden parity reaches validation > 0.9 only after train, through the relevant lengthscales, and not without the KL', async () => {
  const report = await runQuick(millerGpParity);
  expect(comparison(report, 'hidden parity groks on every seed').within).toBe(true);
  expect(comparison(report, 'validation accuracy > 0.9 only after train').within).toBe(true);
  expect(comparison(report, 'inverse lengthscales of dims').within).toBe(true);
  expect(comparison(report, 'without the KL term').within).toBe(true);
  for (const plot of report.plots) expect(existsSync(join(report.out, plot))).toBe(true);
});
