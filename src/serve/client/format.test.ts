import { describe, expect, it } from 'vitest';
import { configDiff, fmtNumber, matches, sortRows } from './format.js';

describe('dashboard formatting', () => {
  it('lists only the config fields that differ, with each run’s value', () => {
    const a = { task: { p: 97, trainFraction: 0.3 }, model: { hidden: [32] } };
    const b = { task: { p: 97, trainFraction: 0.5 }, model: { hidden: [64] }, extra: true };
    expect(configDiff([a, b])).toEqual([
      { path: 'extra', values: ['', 'true'] },
      { path: 'model.hidden', values: ['[32]', '[64]'] },
      { path: 'task.trainFraction', values: ['0.3', '0.5'] },
    ]);
  });

  it('sorts numbers numerically and puts missing values last in both directions', () => {
    const rows = [{ t: 10 }, { t: null }, { t: 9 }, { t: 100 }];
    expect(sortRows(rows, 't', 1).map((r) => r.t)).toEqual([9, 10, 100, null]);
    expect(sortRows(rows, 't', -1).map((r) => r.t)).toEqual([100, 10, 9, null]);
  });

  it('filters by every word, in any order and case', () => {
    expect(matches('runs/wd=1 grok adamw', 'ADAMW grok')).toBe(true);
    expect(matches('runs/wd=1 grok adamw', 'grok sgd')).toBe(false);
  });

  it('formats integers with separators and small numbers in exponent form', () => {
    expect(fmtNumber(12345)).toBe('12,345');
    expect(fmtNumber(0.00012)).toBe('1.20e-4');
    expect(fmtNumber(null)).toBe('–');
  });
});
