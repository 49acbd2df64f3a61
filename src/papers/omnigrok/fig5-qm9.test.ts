import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import { runReproduction } from '../runner.js';
import { judgeQm9, omnigrokFig5Qm9, type Qm9Curve, type Qm9Reading } from './fig5-qm9.js';
import { comparison } from '../testing.js';

const dir = mkdtempSync(join(tmpdir(), 'groklab-qm9-repro-'));

it('QM9 (quick, generated molecules): α = 3 fits while its test MSE is near the mean predictor’s, and reaches the α = 1 level later', async () => {
  const out = join(dir, 'quick');
  const report = await runReproduction(omnigrokFig5Qm9, { quick: true, out });
  expect(comparison(report, 'memorization first').verdict).toBe('reproduced');
  expect(comparison(report, 'generalization later').verdict).toBe('reproduced');
  expect(comparison(report, 'α = 3: test MSE ÷ 32 at 1e4 steps').verdict).toBe('not checked');
  expect(existsSync(join(out, 'fixture', 'gdb9.sdf'))).toBe(true);
  for (const plot of report.plots) expect(existsSync(join(out, plot))).toBe(true);
}, 180_000);

it('QM9: the full form without --data, or with a directory lacking the files, says what to supply (exit 2)', async () => {
  const run = (data?: string) => runReproduction(omnigrokFig5Qm9, { quick: false, out: join(dir, 'bad'), data });
  await expect(run()).rejects.toThrow(UsageError);
  await expect(run()).rejects.toThrow(/user-supplied: pass --data DIR, a directory holding gdb9\.sdf .* and gdb9\.sdf\.csv/);
  await expect(run(join(dir, 'none'))).rejects.toThrow(/--data: cannot read the QM9 molecules .*none\/gdb9\.sdf \(no such file\)/);
  expect(existsSync(join(dir, 'bad', 'qm9'))).toBe(false);
});

/** A curve on a log schedule from (step, train, test) triples. */
const curve = (...points: [number, number, number][]): Qm9Curve => points.map(([step, train, test]) => ({ step, train, test }));
// In our unit: the mean predictor at 80 (the paper's plateau of 2.5 × 32), the control ending at 3.2 (0.1 × 32); boundary 16.
const paper: Qm9Reading = {
  meanPredictor: 80,
  large: curve([0, 5e4, 6e4], [1e3, 0.5, 85], [1e4, 0.2, 80], [2e4, 0.1, 30], [5e4, 0.05, 4], [1e5, 0.05, 3.2]),
  control: curve([0, 2e3, 2e3], [300, 0.8, 5], [1e3, 0.3, 3.5], [1e5, 0.1, 3.2]),
};
const verdict = (r: Qm9Reading, prefix: string, quick = false) => comparison({ comparisons: judgeQm9(r, quick) }, prefix).verdict;

it('the QM9 verdict passes the paper’s curves and judges the plateau against its range in the full form only', () => {
  expect(verdict(paper, 'memorization first')).toBe('reproduced');
  expect(verdict(paper, 'generalization later')).toBe('reproduced');
  expect(verdict(paper, 'α = 3: test MSE ÷ 32 at 1e4 steps')).toBe('reproduced');
  expect(comparison({ comparisons: judgeQm9(paper, false) }, 'α = 3: first step on the generalized side').measured).toBe(5e4);
  expect(verdict(paper, 'α = 3: test MSE ÷ 32 at 1e4 steps', true)).toBe('not checked');
});

it('the QM9 verdict fails when α = 3 generalizes as it fits, never generalizes, or the control does not generalize', () => {
  // test follows train: at the fit α = 3 is already near the control's level
  const together = { ...paper, large: curve([0, 5e4, 6e4], [1e3, 0.5, 6], [1e4, 0.2, 4], [1e5, 0.05, 3.2]) };
  expect(verdict(together, 'memorization first')).toBe('contradicted');
  expect(verdict(together, 'α = 3: test MSE ÷ 32 at 1e4 steps')).toBe('contradicted');
  // test stays on the plateau to the end
  const stuck = { ...paper, large: paper.large.map((e) => (e.step >= 2e4 ? { ...e, test: 70 } : e)) };
  expect(verdict(stuck, 'generalization later')).toBe('contradicted');
  // test falls but train no longer fits
  const unfit = { ...paper, large: paper.large.map((e, i, all) => (i === all.length - 1 ? { ...e, train: 5 } : e)) };
  expect(verdict(unfit, 'generalization later')).toBe('contradicted');
  // the control memorizes too (its test at its fit on the learned-nothing side)
  const control = { ...paper, control: curve([0, 2e3, 2e3], [300, 0.8, 60], [1e5, 0.1, 3.2]) };
  expect(verdict(control, 'memorization first')).toBe('contradicted');
});
