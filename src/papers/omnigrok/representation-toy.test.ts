import { expect, it } from 'vitest';
import { judgeRepresentationToy, omnigrokRepresentationToy, type ToyRun } from './representation-toy.js';
import { comparison, runQuick } from '../testing.js';

const SMALL = 'the smallest decoder scale';
const WORSE = 'the messiest representation (m = 0.2) generalizes worse';
const FITS_LATER = 'the messiest representation fits later';
const GOLDILOCKS = 'the lowest mean test loss';
const ACCURACY = 'the highest mean test accuracy';
const CONTOUR = "the best cell's mean final test loss";

it('representation toy (quick): the smallest norm cannot fit; at a norm that fits, the messy representation generalizes and fits worse than the line', async () => {
  const report = await runQuick(omnigrokRepresentationToy);
  for (const check of [SMALL, WORSE, FITS_LATER]) expect(comparison(report, check).verdict, check).toBe('reproduced');
  expect(comparison(report, GOLDILOCKS).verdict).toBe('not checked');
  expect(comparison(report, ACCURACY).verdict).toBe('not checked');
  expect(comparison(report, CONTOUR).verdict).toBe('not checked');
  expect(report.plots).toEqual(['phase.png', 'test-loss.png', 'train-loss.png']);
}, 180_000);

/** A synthetic diagram: m ∈ {0, 0.2} × scale ∈ {1, 3, 9} × seeds {0, 1}; `over` replaces fields of chosen cells. */
function diagram(over: Record<string, Partial<ToyRun>> = {}): ToyRun[] {
  const paper = (m: number, s: number): Omit<ToyRun, 'messiness' | 'scale' | 'seed'> => {
    if (s === 1) return { trainLoss: 0.7, testLoss: 0.9, trainAcc: 0.1, testAcc: 0, outcome: 'no-learn' };
    const clean = m === 0;
    const middling = s === 3;
    return {
      trainLoss: clean ? 1e-4 : 1e-2,
      testLoss: clean ? (middling ? 0.4 : 1.1) : middling ? 1.4 : 1.8,
      trainAcc: 1,
      testAcc: clean && middling ? 0.8 : 0.2,
      outcome: clean && middling ? 'generalize' : 'memorize',
    };
  };
  return [0, 0.2].flatMap((messiness) =>
    [1, 3, 9].flatMap((scale) =>
      [0, 1].map((seed) => ({
        messiness,
        scale,
        seed,
        ...paper(messiness, scale),
        ...over[`${messiness}/${scale}/${seed}`],
        ...over[`${messiness}/${scale}`],
      })),
    ),
  );
}

const verdict = (runs: ToyRun[], prefix: string, quick = false) => comparison({ comparisons: judgeRepresentationToy(runs, quick) }, prefix).verdict;

it("the toy's checks hold on the paper's picture and fail where it breaks", () => {
  for (const check of [SMALL, WORSE, FITS_LATER, GOLDILOCKS, ACCURACY, CONTOUR]) expect(verdict(diagram(), check), check).toBe('reproduced');
  // the smallest scale fits one draw
  expect(verdict(diagram({ '0.2/1/1': { trainAcc: 1 } }), SMALL)).toBe('contradicted');
  // no larger scale fits the clean representation
  expect(verdict(diagram({ '0/3/0': { trainAcc: 0.9 }, '0/9/1': { trainAcc: 0.5 } }), SMALL)).toBe('contradicted');
  // one draw where the messy representation generalizes as well as the line
  expect(verdict(diagram({ '0.2/9/1': { testLoss: 1.1 } }), WORSE)).toBe('contradicted');
  // the messy representation fits as tightly as the line in one draw
  expect(verdict(diagram({ '0.2/3/0': { trainLoss: 1e-4 } }), FITS_LATER)).toBe('contradicted');
  // read at the edge only: beyond it both may fit equally well
  expect(verdict(diagram({ '0.2/9': { trainLoss: 1e-5 } }), FITS_LATER)).toBe('reproduced');
  // the best cell at the messy representation, or at the edge of the scales
  expect(verdict(diagram({ '0.2/3': { testLoss: 0.3 } }), GOLDILOCKS)).toBe('contradicted');
  expect(verdict(diagram({ '0/9': { testLoss: 0.3 } }), GOLDILOCKS)).toBe('contradicted');
  expect(verdict(diagram({ '0/3': { testLoss: 0.7 } }), CONTOUR)).toBe('contradicted');
  expect(verdict(diagram({ '0.2/9': { testAcc: 0.9 } }), ACCURACY)).toBe('contradicted');
  // the quick form judges no paper number and no interior on two scales
  const twoScales = diagram().filter((r) => r.scale !== 9);
  expect(verdict(twoScales, GOLDILOCKS, true)).toBe('not checked');
  expect(verdict(twoScales, ACCURACY, true)).toBe('not checked');
  expect(verdict(twoScales, CONTOUR, true)).toBe('not checked');
});
