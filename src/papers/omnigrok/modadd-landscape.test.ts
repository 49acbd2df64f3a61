import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { LandscapePoint } from './figures.js';
import { judgeModaddLandscape, modaddLandscapeConfig, omnigrokModaddLandscape } from './modadd-landscape.js';
import { comparison, runQuick } from '../testing.js';

it('modular-addition landscape (quick): at fixed norm test loss is a U, train loss an L, the largest norm memorizes', async () => {
  const report = await runQuick(omnigrokModaddLandscape);
  expect(comparison(report, 'test loss is U-shaped').verdict).toBe('reproduced');
  expect(comparison(report, 'train loss is L-shaped').verdict).toBe('reproduced');
  expect(comparison(report, 'the largest norm (α = 4) memorizes').verdict).toBe('reproduced');
  expect(comparison(report, 'α = 0.8: best test accuracy').verdict).toBe('not checked');
  expect(report.plots).toEqual(['lu.png']);
  expect(existsSync(join(report.out, 'lu.png'))).toBe(true);
}, 120_000);

const point = (alpha: number, testLoss: number, trainAcc: number, testAcc: number): LandscapePoint => ({
  alpha,
  trainSize: 840,
  norm: 40 * alpha,
  trainLoss: 1 - trainAcc + 1e-3,
  testLoss,
  trainAcc,
  testAcc,
});

it('the landscape verdict fails on data without the L and U, and passes on data with them', () => {
  const lu = [point(0.2, 3.5, 0.1, 0.05), point(0.8, 0.05, 1, 0.99), point(1.5, 2, 1, 0.6), point(4, 20, 1, 0.03)];
  for (const c of judgeModaddLandscape(lu, false).slice(0, 3)) expect(c.verdict, c.quantity).toBe('reproduced');
  expect(comparison({ comparisons: judgeModaddLandscape(lu, false) }, 'α = 0.8: best test accuracy').measured).toBe(0.99);
  expect(comparison({ comparisons: judgeModaddLandscape(lu, true) }, 'α = 0.8: best test accuracy').verdict).toBe('not checked');
  // test loss falling all the way (no U), the smallest norm fitting too (no L), the largest generalizing
  const flat = [point(0.2, 3.5, 1, 0.05), point(0.8, 2, 1, 0.5), point(1.5, 1, 1, 0.8), point(4, 0.1, 1, 0.99)];
  expect(
    judgeModaddLandscape(flat, false)
      .slice(0, 3)
      .map((c) => c.verdict),
  ).toEqual(['contradicted', 'contradicted', 'contradicted']);
  // a U whose right arm does not fit the training pairs is no L
  const unfit = lu.map((p) => (p.alpha === 4 ? { ...p, trainAcc: 0.7 } : p));
  expect(comparison({ comparisons: judgeModaddLandscape(unfit, false) }, 'train loss is L-shaped').verdict).toBe('contradicted');
});

it('the full form trains the p = 113 transformer of the constrained preset at each α: norm held, no decay', () => {
  const config = modaddLandscapeConfig(2, false);
  expect(config.task).toMatchObject({ name: 'modular', p: 113, trainFraction: 0.3 });
  expect(config.model).toMatchObject({ name: 'transformer', initScale: 2 });
  expect(config.optimizer).toMatchObject({ name: 'chain', transforms: [{ name: 'adamw', weightDecay: 0 }, { name: 'normConstraint' }] });
  expect(config.training.steps).toBe(5000);
});
