import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { comparison, runQuick } from '../testing.js';
import { type GpRegressionReading, judgeGpRegression, millerGpRegression } from './gp-regression.js';

it('GP regression (quick): start B groks and A and C do not; B trades fit for complexity', async () => {
  const report = await runQuick(millerGpRegression);
  expect(comparison(report, 'only start B groks').verdict).toBe('reproduced');
  expect(comparison(report, 'start B trades data fit for complexity').verdict).toBe('reproduced');
  for (const plot of report.plots) expect(existsSync(join(report.out, plot))).toBe(true);
});

it('GP regression checks fail when A groks too, B does not trade fit for complexity, or the landscape minimum lies elsewhere', () => {
  const paper: GpRegressionReading = {
    outcomes: { A: 'generalize', B: 'grok', C: 'memorize' },
    bTGen: 200,
    bFirst: { fit: 0.1, complexity: 2 },
    bLast: { fit: 0.4, complexity: -1, log_lengthscale: -1, log_outputscale: 0.5 },
    ends: [
      { log_lengthscale: -1.1, log_outputscale: 0.4 },
      { log_lengthscale: -1, log_outputscale: 0.5 },
      { log_lengthscale: -0.9, log_outputscale: 0.6 },
    ],
    minimum: { logLengthscale: -1.2, logOutputscale: 0.3 },
  };
  const verdicts =
    (r: GpRegressionReading, quick = false) =>
    (prefix: string) =>
      comparison({ comparisons: judgeGpRegression(r, quick) }, prefix).verdict;
  for (const check of ['only start B groks', 'start B trades', 'the three trajectories', "the landscape's minimum"])
    expect(verdicts(paper)(check), check).toBe('reproduced');
  expect(verdicts({ ...paper, outcomes: { A: 'grok', B: 'grok', C: 'memorize' } })('only start B groks')).toBe('contradicted');
  expect(verdicts({ ...paper, bLast: { ...paper.bLast, complexity: 3 } })('start B trades')).toBe('contradicted');
  expect(verdicts({ ...paper, minimum: { logLengthscale: 2, logOutputscale: 0.3 } })("the landscape's minimum")).toBe('contradicted');
  expect(verdicts({ ...paper, ends: [...paper.ends, { log_lengthscale: 3, log_outputscale: 0.5 }] })('the three trajectories')).toBe('contradicted');
  expect(verdicts(paper, true)('the three trajectories')).toBe('not checked');
});
