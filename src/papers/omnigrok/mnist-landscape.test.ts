import { expect, it } from 'vitest';
import { omnigrokMnistLandscape } from './mnist-landscape.js';
import { comparison, runQuick } from '../testing.js';

it('MNIST landscape (quick): LU at N = 100 (test U, train L), UU at N = 2000', async () => {
  const report = await runQuick(omnigrokMnistLandscape);
  expect(comparison(report, 'N = 100: test loss is U-shaped').verdict).toBe('reproduced');
  expect(comparison(report, 'N = 100: train loss is L-shaped').verdict).toBe('reproduced');
  expect(comparison(report, 'N = 2000: train loss is U-shaped').verdict).toBe('reproduced');
  expect(report.plots).toEqual(['lu.png', 'heatmap.png']);
}, 180_000);
