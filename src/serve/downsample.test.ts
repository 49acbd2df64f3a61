import { describe, expect, it } from 'vitest';
import { downsample, downsampleIndices } from './downsample.js';

describe('downsample', () => {
  it('keeps a short series whole', () => {
    const c = { step: [0, 1, 2, 3], series: { a: [1, 2, 3, 4] } };
    expect(downsample(c, 10)).toBe(c);
  });

  it('reduces 1e5 points to a few per bucket and keeps the ends, step 0 and every spike', () => {
    const n = 100_000;
    const step = Array.from({ length: n }, (_, i) => i);
    const a = step.map((s) => Math.sin(s / 50));
    a[54_321] = 100; // a spike inside a crowded bucket
    const b = step.map((s) => (s === 77_777 ? -5 : 0));
    const out = downsample({ step, series: { a, b } }, 500);
    expect(out.step.length).toBeLessThan(500 * 6 + 10);
    expect(out.step[0]).toBe(0);
    expect(out.step[1]).toBe(1);
    expect(out.step.at(-1)).toBe(n - 1);
    expect(out.step).toContain(54_321);
    expect(out.step).toContain(77_777);
    expect(Math.max(...(out.series.a as number[]))).toBe(100);
    expect(Math.min(...(out.series.b as number[]))).toBe(-5);
    // ascending, and each series as long as the steps
    expect(out.step.every((s, i) => i === 0 || s > out.step[i - 1])).toBe(true);
    expect(out.series.a.length).toBe(out.step.length);
  });

  it('buckets equal in log(step): the early decades keep as many points as the late ones', () => {
    const step = Array.from({ length: 10_000 }, (_, i) => i + 1);
    const keep = downsampleIndices({ step, series: {} }, 40);
    const early = keep.filter((i) => step[i] < 100).length;
    const late = keep.filter((i) => step[i] >= 100).length;
    // Steps below 100 are 1 % of the points but half the log axis: they keep a fair share (equal
    // buckets in step would give them one bucket of 40, two points).
    expect(early).toBeGreaterThan(late / 2);
    expect(late).toBeLessThanOrEqual(2 * 20);
  });

  it('skips nulls when finding a bucket’s extremes', () => {
    const step = Array.from({ length: 1000 }, (_, i) => i + 1);
    const a = step.map((s) => (s % 2 ? null : s));
    const out = downsample({ step, series: { a } }, 10);
    expect(out.series.a.some((v) => v !== null)).toBe(true);
  });
});
