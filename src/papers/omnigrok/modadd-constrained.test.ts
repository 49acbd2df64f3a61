import { expect, it } from 'vitest';
import { type ConstrainedReading, judgeModaddConstrained, omnigrokModaddConstrained } from './modadd-constrained.js';
import { comparison, runQuick } from '../testing.js';

it('modular addition (quick): the baseline groks; with the norm held fixed test accuracy rises with train (t_gen/t_mem < 2)', async () => {
  const report = await runQuick(omnigrokModaddConstrained);
  expect(comparison(report, 'baseline (α = 1, wd 1) groks').verdict).toBe('reproduced');
  expect(comparison(report, 'constrained (norm fixed, wd 0): test rises with train').verdict).toBe('reproduced');
  expect(comparison(report, 'constrained: the weight norm stays').verdict).toBe('reproduced');
}, 300_000);

it('modular addition checks fail on a baseline that does not grok, a constrained run that still lags or whose norm drifts', () => {
  const baseline: ConstrainedReading = { t_mem: 150, t_gen: 7500, ratio: 50, norms: [43, 61, 30] };
  const fixed: ConstrainedReading = { t_mem: 290, t_gen: 300, ratio: 1.03, norms: [34, 34, 34] };
  const verdicts = (b = baseline, f = fixed) => {
    const report = { comparisons: judgeModaddConstrained(b, f, false) };
    return (prefix: string) => comparison(report, prefix).verdict;
  };
  for (const check of ['baseline (α = 1, wd 1) groks', 'constrained (norm fixed, wd 0)', 'constrained: the weight norm stays', 'baseline t_gen']) {
    expect(verdicts()(check), check).toBe('reproduced');
  }
  expect(verdicts({ ...baseline, t_gen: 600, ratio: 4 })('baseline (α = 1, wd 1) groks')).toBe('contradicted');
  expect(verdicts({ ...baseline, t_gen: 600, ratio: 4 })('baseline t_gen')).toBe('contradicted');
  expect(verdicts(baseline, { ...fixed, t_gen: 3000, ratio: 10.3 })('constrained (norm fixed, wd 0)')).toBe('contradicted');
  expect(verdicts(baseline, { ...fixed, t_gen: null, ratio: null })('constrained (norm fixed, wd 0)')).toBe('contradicted');
  expect(verdicts(baseline, { ...fixed, norms: [34, 34.1, 35] })('constrained: the weight norm stays')).toBe('contradicted');
});
