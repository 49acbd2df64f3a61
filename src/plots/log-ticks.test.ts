import { describe, expect, it } from 'vitest';
import { logLabels, logTicks, powerOfTen } from './log-ticks.js';

describe('logTicks', () => {
  it('gives the decades within the range', () => {
    expect(logTicks(1, 1e4)).toEqual([1, 10, 100, 1000, 10000]);
    expect(logTicks(3, 2e6)).toEqual([10, 100, 1000, 1e4, 1e5, 1e6]);
    expect(logTicks(1e-5, 10)).toEqual([1e-5, 1e-4, 0.001, 0.01, 0.1, 1, 10]);
  });

  it('falls back to 1-2-5 steps when fewer than three decades fit', () => {
    expect(logTicks(3, 40)).toEqual([5, 10, 20]);
    expect(logTicks(0.15, 0.9)).toEqual([0.2, 0.5]);
  });
});

describe('logLabels', () => {
  it('writes decades as powers of ten, looked up from the tick value', () => {
    const { labelExpr } = logLabels([0.01, 0.1, 1, 10]) as { labelExpr: string };
    expect(labelExpr).toBe('["10⁻²","10⁻¹","10⁰","10¹"][indexof([0.01,0.1,1,10], datum.value)]');
  });

  it('formats other ticks: SI prefixes for counts, ~g for fractions', () => {
    expect(logLabels([5, 10, 20])).toEqual({ format: '~s' });
    expect(logLabels([0.2, 0.5])).toEqual({ format: '~g' });
  });

  it('writes 1-2-5 ticks below 10⁻³ as m·10ⁿ, not in two notations', () => {
    const { labelExpr } = logLabels([1e-7, 2e-7, 5e-7, 1e-6, 2e-6]) as { labelExpr: string };
    expect(labelExpr).toBe('["10⁻⁷","2·10⁻⁷","5·10⁻⁷","10⁻⁶","2·10⁻⁶"][indexof([1e-7,2e-7,5e-7,0.000001,0.000002], datum.value)]');
  });

  it('writes any exponent in superscripts', () => {
    expect([0, 3, -12].map(powerOfTen)).toEqual(['10⁰', '10³', '10⁻¹²']);
  });
});
