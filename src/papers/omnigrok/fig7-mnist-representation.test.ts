import { expect, it } from 'vitest';
import { judgeRepresentation, omnigrokFig7MnistRepresentation, type RepresentationReading } from './fig7-mnist-representation.js';
import { comparison, runQuick } from '../testing.js';

it('MNIST representations (quick): α = 8 fits with scattered classes, groups them as it groks; α = 1 groups them at once', async () => {
  const report = await runQuick(omnigrokFig7MnistRepresentation);
  expect(comparison(report, 'α = 8 at step 500 has fitted its digits').verdict).toBe('reproduced');
  expect(comparison(report, "the fitted α = 8 network's classes are more scattered").verdict).toBe('reproduced');
  expect(comparison(report, "after it generalizes, α = 8's classes are grouped").verdict).toBe('reproduced');
  expect(comparison(report, 'α = 8: final test accuracy').verdict).toBe('not checked');
  expect(report.plots).toEqual(['representations.png']);
}, 300_000);

/** η² over five subsets of held-out digits around `mean`. */
const eta = (mean: number, spread = 0.01) => [-2, -1, 0, 1, 2].map((k) => mean + spread * k * (k % 2 === 0 ? 1 : -1));
const paper: RepresentationReading = {
  fitted: { step: 10_000, trainAcc: 1, testAcc: 0.18, separation: eta(0.15) },
  grokked: { step: 100_000, testAcc: 0.885, separation: eta(0.4) },
  control: { step: 10_000, testAcc: 0.88, separation: eta(0.55) },
};
const verdict = (r: RepresentationReading, prefix: string, quick = false) => comparison({ comparisons: judgeRepresentation(r, quick) }, prefix).verdict;

it('the representation verdict passes the paper’s picture and judges the final accuracy in the full form only', () => {
  for (const c of judgeRepresentation(paper, false)) expect(c.verdict, c.quantity).toBe('reproduced');
  expect(verdict(paper, 'α = 8: final test accuracy', true)).toBe('not checked');
});

it('the representation verdict fails when α = 8 generalizes as it fits, its classes are as grouped as α = 1’s, or they do not group later', () => {
  expect(verdict({ ...paper, fitted: { ...paper.fitted, testAcc: 0.7 } }, 'α = 8 at step')).toBe('contradicted');
  expect(verdict({ ...paper, fitted: { ...paper.fitted, trainAcc: 0.9 } }, 'α = 8 at step')).toBe('contradicted');
  // a gap inside the subsets' spread is no gap
  const noisy = { ...paper, fitted: { ...paper.fitted, separation: eta(0.53, 0.05) } };
  expect(verdict(noisy, "the fitted α = 8 network's classes are more scattered")).toBe('contradicted');
  expect(verdict({ ...paper, grokked: { ...paper.grokked, separation: eta(0.16, 0.03) } }, "after it generalizes, α = 8's classes are grouped")).toBe(
    'contradicted',
  );
  // grouped, but the network did not generalize
  expect(verdict({ ...paper, grokked: { ...paper.grokked, testAcc: 0.3 } }, "after it generalizes, α = 8's classes are grouped")).toBe('contradicted');
  expect(verdict({ ...paper, grokked: { ...paper.grokked, testAcc: 0.7 } }, 'α = 8: final test accuracy')).toBe('contradicted');
});
