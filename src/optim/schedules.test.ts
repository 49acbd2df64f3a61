import { expect, test } from 'vitest';
import { constant, cosineDecay, linearWarmup, warmupCosine } from './index.js';

const at = (f: (step: number) => number, steps: number[]) => steps.map(f);

test('constant', () => {
  expect(at(constant(0.1), [0, 1, 1e6])).toEqual([0.1, 0.1, 0.1]);
});

test('linearWarmup: 0 at step 0, peak from warmupSteps on (Power et al.: 10 steps)', () => {
  expect(at(linearWarmup(1e-3, 10), [0, 1, 5, 10, 1000])).toEqual([0, 1e-4, 5e-4, 1e-3, 1e-3]);
  expect(at(linearWarmup(2, 0), [0, 5])).toEqual([2, 2]);
});

test('cosineDecay: peak at 0, halfway at T/2, final from T on', () => {
  const f = cosineDecay(1, 100, 0.1);
  expect(f(0)).toBe(1);
  expect(f(50)).toBeCloseTo(0.55, 15);
  expect(f(100)).toBeCloseTo(0.1, 15);
  expect(f(500)).toBeCloseTo(0.1, 15);
});

test('warmupCosine: decaySteps counts from step 0 and includes the warm-up', () => {
  const f = warmupCosine(2, 10, 110);
  expect(at(f, [0, 5, 10])).toEqual([0, 1, 2]);
  expect(f(60)).toBeCloseTo(1, 15);
  expect(f(110)).toBeCloseTo(0, 15);
  expect(f(10_000)).toBeCloseTo(0, 15);
  expect(() => warmupCosine(1, 10, 10)).toThrow('decaySteps (10) must exceed warmupSteps (10)');
  expect(() => linearWarmup(1, 2.5)).toThrow('warmupSteps must be an integer ≥ 0, got 2.5');
});
