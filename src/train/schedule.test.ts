import { describe, expect, it } from 'vitest';
import { evalSteps, everySteps, snapshotSchedule } from './schedule.js';

describe('evalSteps', () => {
  it('is log-spaced with the ends included', () => {
    expect(evalSteps(100, 2)).toEqual([0, 1, 3, 10, 32, 100]);
    expect(evalSteps(1, 10)).toEqual([0, 1]);
    const s = evalSteps(100_000, 20);
    expect(s[0]).toBe(0);
    expect(s[s.length - 1]).toBe(100_000);
    // 20 a decade: from 10^4 to 10^5 the steps are about 12 % apart.
    const late = s.filter((x) => x >= 10_000);
    for (let i = 1; i < late.length; i++) expect(late[i] / late[i - 1]).toBeLessThan(1.13);
    expect(s.length).toBeLessThan(120);
  });
});

describe('snapshotSchedule', () => {
  it('thins the evaluations to at most `count`, log-spaced, keeping the first and the last', () => {
    for (const total of [2000, 3000, 20_000, 1_000_000]) {
      const evals = evalSteps(total, 20);
      const s = snapshotSchedule(evals, 40);
      expect(s.length).toBeLessThanOrEqual(40);
      expect(s.length).toBeGreaterThanOrEqual(30);
      expect(s[0]).toBe(0);
      expect(s.at(-1)).toBe(total);
      for (const step of s) expect(evals).toContain(step);
      // Past the dense start, consecutive snapshots are a roughly constant factor apart.
      const late = s.filter((x) => x >= 100);
      const ratios = late.slice(1).map((x, i) => x / late[i]);
      expect(Math.max(...ratios) / Math.min(...ratios)).toBeLessThan(2);
    }
  });

  it('keeps every evaluation when there are few, none for count 0, and thins a linear schedule', () => {
    expect(snapshotSchedule([0, 5, 10], 40)).toEqual([0, 5, 10]);
    expect(snapshotSchedule(evalSteps(1000, 20), 0)).toEqual([]);
    expect(snapshotSchedule(evalSteps(1000, 20), 1)).toEqual([1000]);
    const linear = snapshotSchedule(everySteps(10_000, 100), 10);
    expect(linear[0]).toBe(0);
    expect(linear.at(-1)).toBe(10_000);
    expect(linear.length).toBeLessThanOrEqual(10);
  });
});
