import { expect, it } from 'vitest';
import { comparison, runQuick } from '../testing.js';
import { fig1Points, type FractionRun, judgePowerFig1, nonMonotone, powerFig1, thresholds } from './fig1-fractions.js';

it('power-fig1 (quick): x+y mod 23 generalizes from a smaller fraction than S4 composition, and not at the smallest', async () => {
  const report = await runQuick(powerFig1);
  expect(comparison(report, 'generalization within 3000 steps needs enough data').verdict).toBe('reproduced');
  expect(comparison(report, 'the fraction needed depends on the operation').verdict).toBe('reproduced');
  expect(comparison(report, 'fewer training pairs, more steps').verdict).toBe('reproduced');
  // The effect itself: addition needs less of its table than composition in S4.
  const threshold = (operation: string) => Number(comparison(report, `smallest fraction that generalizes within 3000 steps: ${operation}`).measured);
  expect(threshold('x+y mod 23')).toBeLessThan(threshold('S4'));
  expect(comparison(report, 'the fraction needed depends on the operation').measured).toMatch(/x\+y mod 23 generalizes, S4: x∘y does not/);
}, 300_000);

const run = (operation: string, fraction: number, tGen: number | null): FractionRun => ({ operation, fraction, tGen, bestTestAcc: tGen === null ? 0.5 : 1 });

it('power-fig1 checks fail when every fraction generalizes, the operations agree, or fewer pairs are not slower', () => {
  const paperLike = [run('a', 0.3, null), run('a', 0.5, 4000), run('a', 0.7, 900), run('b', 0.3, null), run('b', 0.5, null), run('b', 0.7, 2000)];
  const verdicts = (runs: FractionRun[]) => {
    const checks = { comparisons: judgePowerFig1(runs, 1e4) };
    return (prefix: string) => comparison(checks, prefix).verdict;
  };
  const data = 'generalization within 10000 steps needs enough data';
  const operations = 'the fraction needed depends on the operation';
  const slower = 'fewer training pairs, more steps';
  for (const check of [data, operations, slower]) expect(verdicts(paperLike)(check), check).toBe('reproduced');
  expect(thresholds(paperLike)).toEqual([
    { operation: 'a', fraction: 0.5 },
    { operation: 'b', fraction: 0.7 },
  ]);

  // Every fraction generalizes for both operations: no threshold, and no difference between them.
  const always = paperLike.map((r) => ({ ...r, tGen: 1000 / r.fraction }));
  expect(verdicts(always)(data)).toBe('contradicted');
  expect(verdicts(always)(operations)).toBe('contradicted');
  // Both need the same fraction.
  const same = paperLike.map((r) => (r.operation === 'b' && r.fraction === 0.5 ? { ...r, tGen: 5000 } : r));
  expect(verdicts(same)(operations)).toBe('contradicted');
  expect(verdicts(same)(data)).toBe('reproduced');
  // The smaller fraction generalizes sooner.
  expect(verdicts(paperLike.map((r) => (r.operation === 'a' && r.fraction === 0.5 ? { ...r, tGen: 500 } : r)))(slower)).toBe('contradicted');
  // Nothing generalizes twice: nothing to judge.
  expect(verdicts(paperLike.filter((r) => r.fraction !== 0.7))(slower)).toBe('not checked');
  // Nothing generalizes at all.
  const never = paperLike.map((r) => ({ ...r, tGen: null }));
  expect(verdicts(never)(data)).toBe('contradicted');
  expect(comparison({ comparisons: judgePowerFig1(never, 1e4) }, 'smallest fraction that generalizes within 10000 steps: a').measured).toBe('none tried');
});

it('power-fig1 notes an operation that generalizes at a fraction but not at a larger one', () => {
  expect(nonMonotone([run('a', 0.3, 900), run('a', 0.5, null), run('a', 0.7, 800)])).toEqual(['a generalizes at 0.3 but not at 0.5']);
  expect(nonMonotone([run('a', 0.3, null), run('a', 0.5, 900)])).toEqual([]);
});

it('power-fig1 full form: six operations × seven fractions of the power-div97 transformer, S5 among them, batch min(512, ⌈n/2⌉)', () => {
  const points = fig1Points(false);
  expect(points).toHaveLength(42);
  expect(new Set(points.map((p) => p.id)).size).toBe(42);
  const s5 = points.find((p) => p.id === 's5-0.2')!.config;
  expect(s5.task).toEqual({ name: 'permutations', degree: 5, trainFraction: 0.2, splitSeed: 0 });
  expect(s5.model).toMatchObject({ name: 'transformer', layers: 2, dModel: 128, heads: 4 });
  expect(s5.training).toMatchObject({ steps: 10_000, batchSize: { fraction: 0.5, max: 512 }, batchOrder: 'epochs' });
  expect(points.find((p) => p.id === 'x3+xy-0.8')!.config.task).toMatchObject({ name: 'modular', p: 97, operation: 'x3+xy', trainFraction: 0.8 });
});
