import { describe, expect, it } from 'vitest';
import { evalSteps } from './schedule.js';

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
