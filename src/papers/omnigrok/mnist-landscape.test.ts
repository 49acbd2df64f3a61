import { expect, it } from 'vitest';
import type { LandscapePoint } from './figures.js';
import { judgeMnistLandscape, omnigrokMnistLandscape } from './mnist-landscape.js';
import { comparison, runQuick } from '../testing.js';

it('MNIST landscape (quick): LU at N = 100 (test U, train L), UU at N = 2000', async () => {
  const report = await runQuick(omnigrokMnistLandscape);
  expect(comparison(report, 'N = 100: test loss is U-shaped').verdict).toBe('reproduced');
  expect(comparison(report, 'N = 100: train loss is L-shaped').verdict).toBe('reproduced');
  expect(comparison(report, 'N = 2000: train loss is U-shaped').verdict).toBe('reproduced');
  expect(comparison(report, 'N = 200: best test error at α = 1').verdict).toBe('not checked');
  expect(report.plots).toEqual(['lu.png', 'heatmap.png']);
}, 180_000);

const point = (trainSize: number, alpha: number, trainLoss: number, testLoss: number, trainAcc: number, testAcc = 0.5): LandscapePoint => ({
  alpha,
  trainSize,
  norm: 12 * alpha,
  trainLoss,
  testLoss,
  trainAcc,
  testAcc,
});

// N = 200: LU (the smallest α underfits, the rest fit, test best at α = 1); N = 8000: UU.
const lu = [point(200, 0.1, 0.09, 0.09, 0.95), point(200, 1, 1e-4, 0.03, 1, 0.82), point(200, 7, 1e-5, 0.08, 1, 0.23)];
const uu = [point(8000, 0.1, 0.09, 0.09, 0.6), point(8000, 1, 5e-3, 0.01, 0.99, 0.97), point(8000, 7, 0.02, 0.03, 0.9, 0.9)];
const judge =
  (points: LandscapePoint[], quick = false) =>
  (prefix: string) =>
    comparison({ comparisons: judgeMnistLandscape(points, quick) }, prefix);

it('the MNIST landscape verdict passes LU at the smallest N and UU at the largest, and shows the paper’s read-off errors in the full form only', () => {
  const checks = judgeMnistLandscape([...lu, ...uu], false);
  expect(checks.slice(0, 4).map((c) => c.verdict)).toEqual(['reproduced', 'reproduced', 'reproduced', 'reproduced']);
  expect(judge([...lu, ...uu])('N = 200: best test error at α = 7').measured).toBeCloseTo(0.77, 10);
  expect(judge([...lu, ...uu])('N = 8000: best test error at α = 1').verdict).toBe('reported');
  expect(judge([...lu, ...uu], true)('N = 200: best test error at α = 1').verdict).toBe('not checked');
});

it('the MNIST landscape verdict fails where the shapes are missing', () => {
  // test loss falling to the largest α (no U) at both N
  const falling = (line: LandscapePoint[]) => line.map((p, i) => ({ ...p, testLoss: 0.1 / (i + 1) }));
  expect(judge([...falling(lu), ...uu])('N = 200: test loss is U-shaped').verdict).toBe('contradicted');
  expect(judge([...lu, ...falling(uu)])('N = 8000: test loss is U-shaped').verdict).toBe('contradicted');
  // every α fits equally well, the smallest too: a flat line, no L
  const flat = lu.map((p) => ({ ...p, trainLoss: 1e-4, trainAcc: 1 }));
  expect(judge([...flat, ...uu])('N = 200: train loss is L-shaped').verdict).toBe('contradicted');
  // the right arm stops fitting (a U, not an L)
  const rising = lu.map((p) => (p.alpha === 7 ? { ...p, trainAcc: 0.9 } : p));
  expect(judge([...rising, ...uu])('N = 200: train loss is L-shaped').verdict).toBe('contradicted');
  // at the largest N the largest α still reaches the lowest train loss: an L, not the paper's U
  const lAtLarge = uu.map((p) => (p.alpha === 7 ? { ...p, trainLoss: 1e-4 } : p));
  expect(judge([...lu, ...lAtLarge])('N = 8000: train loss is U-shaped').verdict).toBe('contradicted');
});
