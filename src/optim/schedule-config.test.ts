import { expect, test } from 'vitest';
import { scheduleConfigSchema, toHyper } from './index.js';

const build = (config: unknown) => toHyper(scheduleConfigSchema.parse(config)) as (step: number) => number;

test('a number stays a constant hyper-parameter', () => {
  expect(toHyper(0.5)).toBe(0.5);
});

test('each schedule config builds its schedule, with its arguments in place', () => {
  expect(build({ schedule: 'constant', value: 3 })(7)).toBe(3);
  expect([0, 2, 4, 8].map(build({ schedule: 'linearWarmup', peak: 1, warmupSteps: 4 }))).toEqual([0, 0.5, 1, 1]);
  const cosine = build({ schedule: 'cosineDecay', peak: 1, decaySteps: 10, final: 0.25 });
  expect(cosine(0)).toBe(1);
  expect(cosine(5)).toBeCloseTo(0.625, 15);
  expect(cosine(20)).toBeCloseTo(0.25, 15);
  const warm = build({ schedule: 'warmupCosine', peak: 4, warmupSteps: 2, decaySteps: 12 });
  expect([0, 1, 2].map(warm)).toEqual([0, 2, 4]);
  expect(warm(7)).toBeCloseTo(2, 14);
  expect(warm(12)).toBeCloseTo(0, 14);
  const step = build({ schedule: 'stepDecay', peak: 1e-2, every: 5, factor: 0.2 });
  expect([0, 4, 5, 9, 10].map(step)).toEqual([1e-2, 1e-2, 1e-2 * 0.2, 1e-2 * 0.2, 1e-2 * 0.2 ** 2]);
});

test('stepDecay rejects a factor above 1 and a zero period, naming the field', () => {
  expect(() => scheduleConfigSchema.parse({ schedule: 'stepDecay', peak: 1, every: 5, factor: 2 })).toThrow(/factor/);
  expect(() => scheduleConfigSchema.parse({ schedule: 'stepDecay', peak: 1, every: 0, factor: 0.5 })).toThrow(/every/);
});
