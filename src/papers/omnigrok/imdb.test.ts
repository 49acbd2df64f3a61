import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import { writeSyntheticReviews } from '../../tasks/reviews-testing.js';
import { runReproduction } from '../runner.js';
import { type ImdbControlReading, type ImdbReading, judgeImdb, omnigrokImdb } from './imdb.js';
import { comparison } from '../testing.js';

// No IMDb file ships: the quick form runs on 400 synthetic reviews (sentiment words among
// neutral and rare ones), the layout of Kaggle's CSV.
const dir = mkdtempSync(join(tmpdir(), 'groklab-imdb-'));
const csv = join(dir, 'reviews.csv');
writeSyntheticReviews(csv, { count: 400 });

it('IMDb (quick, synthetic reviews): α = 6 with weight decay fits first and generalizes later; α = 1 at once', async () => {
  const out = join(dir, 'quick');
  const report = await runReproduction(omnigrokImdb, { quick: true, out, data: csv });
  expect(report.command).toContain('--data');
  expect(comparison(report, 'α = 6: test accuracy rises by ≥ 0.1 after train fits').verdict).toBe('reproduced');
  expect(comparison(report, 'the control generalizes before the α = 6 run').verdict).toBe('reproduced');
  expect(comparison(report, 'α = 6: test accuracy when train first fits').verdict).toBe('not checked');
  for (const plot of report.plots) expect(existsSync(join(out, plot))).toBe(true);
}, 180_000); // ≈ 20 s of one free core (1900 LSTM steps), minutes on a busy machine

it('IMDb: without --data, or with a missing file, it explains what to supply', async () => {
  const run = (data?: string) => runReproduction(omnigrokImdb, { quick: true, out: join(dir, 'bad'), data });
  await expect(run()).rejects.toThrow(UsageError);
  await expect(run()).rejects.toThrow(/user-supplied .* --data PATH; .*columns review .* and sentiment/);
  await expect(run(join(dir, 'none.csv'))).rejects.toThrow(/--data: cannot read the review CSV .*none\.csv \(no such file\)/);
  expect(existsSync(join(dir, 'bad', 'runs'))).toBe(false);
});

it("IMDb checks pass on the paper's curves and fail on a run that generalizes with train or not at all", () => {
  const paper: ImdbReading = { t_mem: 200, steps: 5e4, testAtFit: 0.47, finalTest: 0.7 };
  const control: ImdbControlReading = { early: 0.68, atLargeFit: 0.68 };
  const verdicts = (large: ImdbReading, c = control, quick = false) => {
    const report = { comparisons: judgeImdb(large, c, quick) };
    return (prefix: string) => comparison(report, prefix).verdict;
  };
  expect(verdicts(paper)('α = 6: test accuracy rises')).toBe('reproduced');
  expect(verdicts(paper)('the control generalizes before')).toBe('reproduced');
  expect(verdicts(paper)('α = 1, wd 0 (control)')).toBe('reproduced');
  // test accuracy already high when train fits (no delay): no rise after, no lead for the control
  const noDelay = verdicts({ ...paper, testAtFit: 0.68 });
  expect(noDelay('α = 6: test accuracy rises')).toBe('contradicted');
  expect(noDelay('the control generalizes before')).toBe('contradicted');
  // the quick form: a run that never fits within half its steps fails; the paper's numbers are not checked
  const slow = verdicts({ ...paper, t_mem: null }, control, true);
  expect(slow('α = 6, wd 1: train accuracy reaches 0.99')).toBe('contradicted');
  expect(slow('α = 1, wd 0 (control)')).toBe('not checked');
});
