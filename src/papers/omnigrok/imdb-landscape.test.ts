import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import { writeSyntheticReviews } from '../../tasks/reviews-testing.js';
import { runReproduction } from '../runner.js';
import type { LandscapePoint } from './figures.js';
import { imdbLandscapeConfig, judgeImdbLandscape, omnigrokImdbLandscape } from './imdb-landscape.js';
import { comparison } from '../testing.js';

// No IMDb file ships: the quick form runs on 400 synthetic reviews in the layout of Kaggle's CSV.
const dir = mkdtempSync(join(tmpdir(), 'groklab-imdb-landscape-'));
const csv = join(dir, 'reviews.csv');
writeSyntheticReviews(csv, { count: 400 });

it('IMDb landscape (quick, synthetic reviews): at fixed norm test loss is a U in α, train loss an L', async () => {
  const out = join(dir, 'quick');
  const report = await runReproduction(omnigrokImdbLandscape, { quick: true, out, data: csv });
  expect(comparison(report, 'N = 400: test loss is U-shaped').verdict).toBe('reproduced');
  expect(comparison(report, 'N = 400: train loss is L-shaped').verdict).toBe('reproduced');
  expect(comparison(report, 'N = 400, α = 1: best test accuracy').verdict).toBe('not checked');
  expect(report.plots).toEqual(['lu.png']);
  expect(existsSync(join(out, 'lu.png'))).toBe(true);
}, 120_000);

it('IMDb landscape: without --data it explains what to supply (exit 2), before any run', async () => {
  const run = () => runReproduction(omnigrokImdbLandscape, { quick: true, out: join(dir, 'bad') });
  await expect(run()).rejects.toThrow(UsageError);
  await expect(run()).rejects.toThrow(/user-supplied .* --data PATH/);
  expect(existsSync(join(dir, 'bad', 'landscape'))).toBe(false);
});

const point = (alpha: number, testLoss: number, trainAcc: number, testAcc: number): LandscapePoint => ({
  alpha,
  trainSize: 1000,
  norm: 30 * alpha,
  trainLoss: 1 - trainAcc + 1e-3,
  testLoss,
  trainAcc,
  testAcc,
});

it('the IMDb landscape verdict fails on data without the L and U, and passes on data with them', () => {
  const lu = [point(0.1, 0.69, 0.6, 0.55), point(1, 0.5, 1, 0.8), point(10, 1.5, 1, 0.55)];
  expect(judgeImdbLandscape(lu, false).map((c) => c.verdict)).toEqual(['reproduced', 'reproduced', 'reported']);
  expect(comparison({ comparisons: judgeImdbLandscape(lu, false) }, 'N = 1000, α = 1').measured).toBe(0.8);
  // test loss rising with the norm from the smallest α on (no U), and the smallest α fitting (no L)
  const rising = [point(0.1, 0.4, 1, 0.8), point(1, 0.6, 1, 0.7), point(10, 1.5, 1, 0.55)];
  expect(
    judgeImdbLandscape(rising, false)
      .slice(0, 2)
      .map((c) => c.verdict),
  ).toEqual(['contradicted', 'contradicted']);
  // a U whose large norms do not fit is no L
  const unfit = lu.map((p) => (p.alpha === 10 ? { ...p, trainAcc: 0.8 } : p));
  expect(comparison({ comparisons: judgeImdbLandscape(unfit, false) }, 'N = 1000: train loss is L-shaped').verdict).toBe('contradicted');
});

it("the full form is their landscape run: the LSTM 256 × 2 at α, clip 5, Adam lr 1e-3 without decay, norm held, 5 epochs of 50-review batches, read at each epoch's end", () => {
  const config = imdbLandscapeConfig('IMDB Dataset.csv', 0.1, 1000, false);
  expect(config.task).toMatchObject({ name: 'text-classification', examples: 1000, sequenceLength: 500 });
  expect(config.model).toMatchObject({ name: 'lstm', hidden: 256, layers: 2, initScale: 0.1 });
  expect(config.optimizer).toMatchObject({
    name: 'chain',
    transforms: [{ name: 'clipByGlobalNorm', maxNorm: 5 }, { name: 'adam', lr: 1e-3 }, { name: 'normConstraint' }],
  });
  expect(config.training).toMatchObject({ steps: 75, batchSize: 50, batchOrder: 'epochs', evalEvery: 15 });
});
