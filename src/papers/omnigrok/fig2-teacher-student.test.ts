import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { LandscapePoint } from './figures.js';
import { judgeTeacherStudent, omnigrokFig2TeacherStudent } from './fig2-teacher-student.js';
import { comparison, runQuick } from '../testing.js';

it('teacher–student (quick): test loss is a U in α, train loss an L, and α = 2 with weight decay groks', async () => {
  const report = await runQuick(omnigrokFig2TeacherStudent);
  expect(comparison(report, 'test loss is U-shaped').verdict).toBe('reproduced');
  expect(comparison(report, 'train loss is L-shaped').verdict).toBe('reproduced');
  expect(comparison(report, 'grokking run groks').verdict).toBe('reproduced');
  for (const plot of report.plots) expect(existsSync(join(report.out, plot))).toBe(true);
  expect(existsSync(join(report.out, 'report.md'))).toBe(true);
}, 180_000);

it("teacher–student checks fail on results without the U, the L or grokking, and pass on the paper's shape", () => {
  // The paper's table (final MSE by α, norm fixed) as a landscape: test U with its minimum at α = 1, train L.
  const rows: [number, number, number][] = [
    [0.1, 1.4e-2, 1.6e-2],
    [0.25, 1.4e-3, 2.3e-3],
    [0.63, 1e-6, 8.6e-5],
    [1, 1e-8, 7.8e-5],
    [2.5, 1e-8, 4.1e-2],
    [10, 1e-8, 9.6],
  ];
  const lawful: LandscapePoint[] = rows.map(([alpha, trainLoss, testLoss]) => ({
    alpha,
    trainSize: 100,
    norm: alpha,
    trainLoss,
    testLoss,
    trainAcc: 1,
    testAcc: 1,
  }));
  const groks = { t_mem: 900, t_gen: 5e4, ratio: 55, outcome: 'grok' };
  const verdicts = (points: LandscapePoint[], grok = groks, quick = false) => {
    const report = { comparisons: judgeTeacherStudent(points, grok, 10, quick) };
    return (prefix: string) => comparison(report, prefix).verdict;
  };
  const ok = verdicts(lawful);
  for (const check of ['test loss is U-shaped', 'train loss is L-shaped', 'grokking run (α = 2', 'grokking run groks'])
    expect(ok(check), check).toBe('reproduced');
  // test loss falling all the way to the largest α: no U
  expect(verdicts(lawful.map((p) => ({ ...p, testLoss: 1 / p.alpha })))('test loss is U-shaped')).toBe('contradicted');
  // large α fitting no better than small α: no L
  expect(verdicts(lawful.map((p) => ({ ...p, trainLoss: 1e-2 })))('train loss is L-shaped')).toBe('contradicted');
  // a run that generalizes with train: not grokking
  expect(verdicts(lawful, { t_mem: 900, t_gen: 2000, ratio: 2.2, outcome: 'generalize' })('grokking run groks')).toBe('contradicted');
  // the quick form never passes a paper number it did not measure at the paper's settings
  expect(verdicts(lawful, groks, true)('grokking run (α = 2')).toBe('not checked');
});
