import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { comparison, runQuick } from '../testing.js';
import { millerLinear } from './linear.js';

it('linear regression (quick): validation lags train with the complexity term and does not catch up without it', async () => {
  const report = await runQuick(millerLinear);
  expect(comparison(report, 'at step 20 validation lags').within).toBe(true);
  expect(comparison(report, 'the mean validation accuracy lags').within).toBe(true);
  expect(comparison(report, 'mean validation accuracy reaches 0.9').within).toBe(true);
  expect(comparison(report, 'without the complexity term the mean validation').within).toBe(true);
  for (const plot of report.plots) expect(existsSync(join(report.out, plot))).toBe(true);
});
