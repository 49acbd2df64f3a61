import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { comparison, runQuick } from '../testing.js';
import { type GpParityReading, judgeGpParity, millerGpParity } from './gp-parity.js';

it('GP classification (quick): hidden parity reaches validation > 0.9 only after train, through the relevant lengthscales, and not without the KL', async () => {
  const report = await runQuick(millerGpParity);
  expect(comparison(report, 'hidden parity groks on every seed').verdict).toBe('reproduced');
  expect(comparison(report, 'validation accuracy > 0.9 only after train').verdict).toBe('reproduced');
  expect(comparison(report, 'inverse lengthscales of dims').verdict).toBe('reproduced');
  expect(comparison(report, 'without the KL term').verdict).toBe('reproduced');
  for (const plot of report.plots) expect(existsSync(join(report.out, plot))).toBe(true);
});

it('GP classification checks fail when a seed does not grok, lengthscales do not separate, or the ablation groks too', () => {
  const run = (id: string, outcome = 'grok', t_mem: number | null = 20, t_gen: number | null = 200) => ({ id, outcome, t_mem, t_gen });
  const paper: GpParityReading = {
    parity: [run('seed=0'), run('seed=1')],
    initial: 1,
    finals: [
      [3, 3, 3, 0.1, 0.1],
      [2, 4, 3, 0.2, 0.1],
    ],
    noKlBest: 0.6,
    toy: [run('toy-0'), run('toy-1')],
    gaussianBest: 0.7,
  };
  const verdicts = (r: GpParityReading) => (prefix: string) => comparison({ comparisons: judgeGpParity(r) }, prefix).verdict;
  for (const check of ['hidden parity groks', 'validation accuracy > 0.9 only after', 'inverse lengthscales', 'without the KL term', 'the zero-one toy']) {
    expect(verdicts(paper)(check), check).toBe('reproduced');
  }
  expect(verdicts({ ...paper, parity: [run('seed=0'), run('seed=1', 'generalize', 20, 25)] })('hidden parity groks')).toBe('contradicted');
  expect(verdicts({ ...paper, parity: [run('seed=0'), run('seed=1', 'no-learn', null, null)] })('validation accuracy > 0.9 only after')).toBe('contradicted');
  expect(verdicts({ ...paper, finals: [[3, 3, 0.5, 0.1, 0.1], paper.finals[1]] })('inverse lengthscales')).toBe('contradicted');
  expect(verdicts({ ...paper, finals: [[3, 3, 3, 1.5, 0.1], paper.finals[1]] })('inverse lengthscales')).toBe('contradicted');
  expect(verdicts({ ...paper, noKlBest: 0.95 })('without the KL term')).toBe('contradicted');
  expect(verdicts({ ...paper, toy: [run('toy-0'), run('toy-1', 'memorize', 20, null)] })('the zero-one toy')).toBe('contradicted');
});
