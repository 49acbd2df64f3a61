import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { comparison, runQuick } from '../testing.js';
import { millerGpRegression } from './gp-regression.js';

it('GP regression (quick): start B groks and A and C do not; B trades fit for complexity', async () => {
  const report = await runQuick(millerGpRegression);
  expect(comparison(report, 'only start B groks').verdict).toBe('reproduced');
  expect(comparison(report, 'start B trades data fit for complexity').verdict).toBe('reproduced');
  for (const plot of report.plots) expect(existsSync(join(report.out, plot))).toBe(true);
});
