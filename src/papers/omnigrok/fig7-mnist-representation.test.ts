import { expect, it } from 'vitest';
import { omnigrokFig7MnistRepresentation } from './fig7-mnist-representation.js';
import { comparison, runQuick } from '../testing.js';

it('MNIST representations (quick): α = 8 fits with scattered classes, groups them as it groks; α = 1 groups them at once', async () => {
  const report = await runQuick(omnigrokFig7MnistRepresentation);
  expect(comparison(report, 'α = 8 at step 500 has fitted its digits').verdict).toBe('reproduced');
  expect(comparison(report, "the fitted α = 8 network's classes are scattered").verdict).toBe('reproduced');
  expect(comparison(report, "after grokking, α = 8's classes are grouped").verdict).toBe('reproduced');
  expect(report.plots).toEqual(['representations.png']);
}, 300_000);
