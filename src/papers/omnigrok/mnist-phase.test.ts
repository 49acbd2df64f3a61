import { expect, it } from 'vitest';
import { omnigrokMnistPhase } from './mnist-phase.js';
import { comparison, runQuick } from '../testing.js';

it('MNIST phase diagram (quick): large α groks at moderate decay and memorizes at weak decay; α = 1 generalizes', async () => {
  const report = await runQuick(omnigrokMnistPhase);
  expect(comparison(report, 'grokking appears, and only at α > 1').verdict).toBe('reproduced');
  expect(comparison(report, 'α = 8, weakest decay').verdict).toBe('reproduced');
  expect(comparison(report, 'α = 1: some decay generalizes').verdict).toBe('reproduced');
}, 180_000);
