import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { EvalEvent } from '../../runs/events.js';
import type { Summary } from '../../runs/summary.js';
import { comparison, runQuick } from '../testing.js';
import type { TrainedRun } from './common.js';
import { penaltyComparisons, tikengTeacherStudent } from './teacher-student.js';

it('ReLU teacher–student (quick): penalties pull the test MSE below predicting 0 long after memorizing, the control stays far above; generalization is judged against predicting 0', async () => {
  const report = await runQuick(tikengTeacherStudent);
  expect(comparison(report, 'no penalty: memorizes and does not generalize').verdict).toBe('reproduced');
  expect(comparison(report, 'ℓ1: the test MSE falls below predicting 0 long after memorization').verdict).toBe('reproduced');
  expect(comparison(report, 'ℓ1: the penalized norm falls').verdict).toBe('reproduced');
  expect(comparison(report, 'ℓ1: larger αβ falls below predicting 0 sooner').verdict).toBe('reproduced');
  expect(comparison(report, 'nuclear: the test MSE falls below predicting 0 long after memorization').verdict).toBe('reproduced');
  // the quick students end at ≈ 0.7–0.8 × the MSE of predicting 0: not generalization by the summary's rule
  const generalizes = comparison(report, 'ℓ1: generalizes');
  expect(generalizes.verdict).toBe('contradicted');
  expect(generalizes.note).toMatch(/× that of predicting 0/);
  for (const plot of report.plots) expect(existsSync(join(report.out, plot))).toBe(true);
}, 300_000);

it('the penalty checks fail on a run that never falls below predicting 0, and on one that ends just under it', () => {
  const zero = 0.065;
  const run = (test: number[], outcome: Summary['outcome'], t_gen: number | null): TrainedRun => ({
    label: 'l1',
    config: {} as never,
    dir: 'runs/l1',
    summary: {
      status: 'completed',
      steps: 5e4,
      t_mem: 100,
      t_gen,
      delay: null,
      ratio: null,
      outcome,
      reading: 'plateau',
      final: {},
      wall_s: 1,
      steps_per_s: 1,
    },
    evals: [0, 100, 1e3, 1e4, 5e4].map(
      (step, i): EvalEvent => ({ event: 'eval', step, wall_s: 0, metrics: { test_loss: test[i], weight_l1: 100 - i, weight_l2: 10, weight_l0: 1000 } }),
    ),
  });
  const never = penaltyComparisons(run([11, 11, 10, 9, 8], 'memorize', null), zero);
  expect(never.map((c) => c.verdict)).toEqual(['contradicted', 'contradicted']);
  const barely = penaltyComparisons(run([11, 11, 5, 0.05, 0.053], 'memorize', null), zero);
  expect(barely[0].verdict).toBe('reproduced');
  expect(barely[1]).toMatchObject({ verdict: 'contradicted', note: expect.stringContaining('0.82 × that of predicting 0') });
  const truly = penaltyComparisons(run([11, 11, 5, 1e-4, 1e-4], 'grok', 1e4), zero);
  expect(truly[1].verdict).toBe('reproduced');
});
