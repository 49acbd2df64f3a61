import { expect, it } from 'vitest';
import { omnigrokFig3Mnist } from './fig3-mnist.js';
import { comparison, runQuick } from '../testing.js';

it('MNIST (quick): at α = 8 test accuracy lags train by ≥ 10× in steps, at α = 1 it does not', async () => {
  const report = await runQuick(omnigrokFig3Mnist);
  expect(comparison(report, 'α = 8: groks').verdict).toBe('reproduced');
  expect(comparison(report, 'α = 1: generalizes without delay').verdict).toBe('reproduced');
  expect(report.plots).toEqual(['mnist-alpha8.png', 'mnist-alpha1.png']);
}, 180_000);
