import { expect, it } from 'vitest';
import { judgeMnist, type MnistReading, omnigrokFig3Mnist } from './fig3-mnist.js';
import { comparison, runQuick } from '../testing.js';

it('MNIST (quick): at α = 8 test accuracy lags train by ≥ 10× in steps, at α = 1 it does not', async () => {
  const report = await runQuick(omnigrokFig3Mnist);
  expect(comparison(report, 'α = 8: groks').verdict).toBe('reproduced');
  expect(comparison(report, 'α = 1: generalizes without delay').verdict).toBe('reproduced');
  expect(report.plots).toEqual(['mnist-alpha8.png', 'mnist-alpha1.png']);
}, 180_000);

it("MNIST full-form checks pass on the paper's numbers and fail where a result leaves its ranges or does not grok", () => {
  const paper: MnistReading = {
    t_mem: 2500,
    t_gen: 2.5e4,
    ratio: 10,
    outcome: 'grok',
    ratioThreshold: 10,
    initialNorm: 92,
    finalNorm: 52,
    testAt1e4: 0.18,
    finalTest: 0.885,
  };
  const verdicts = (r: MnistReading) => {
    const report = { comparisons: judgeMnist(r) };
    return (prefix: string) => comparison(report, prefix).verdict;
  };
  const ok = verdicts(paper);
  for (const check of ['t_mem', 'test accuracy at ≈ 1e4', 't_gen', 'final test accuracy', 'test lags train']) expect(ok(check), check).toBe('reproduced');
  expect(ok('initial weight norm')).toBe('reported');
  // generalizing with train (no lag), early and to a higher accuracy: every judged check fails
  const early = verdicts({ ...paper, t_gen: 3000, ratio: 1.2, outcome: 'generalize', testAt1e4: 0.85, finalTest: 0.93 });
  for (const check of ['test accuracy at ≈ 1e4', 't_gen', 'final test accuracy', 'test lags train']) expect(early(check), check).toBe('contradicted');
  // never generalizing: t_gen not reached is not in the paper's range
  expect(verdicts({ ...paper, t_gen: null, ratio: null, outcome: 'memorize', finalTest: 0.2 })('t_gen')).toBe('contradicted');
});
