import { describe, expect, it } from 'vitest';
import { smoothLog } from './plots.js';

describe('smoothLog', () => {
  it('is a centred moving geometric mean, shorter at the ends', () => {
    const s = smoothLog([1, 100, 1, 100, 1], 3);
    expect(s[0]).toBeCloseTo(10, 12);
    expect(s[1]).toBeCloseTo(Math.cbrt(100), 12);
    expect(s[2]).toBeCloseTo(Math.cbrt(10_000), 12);
    smoothLog([2, 8], 1).forEach((v, i) => expect(v).toBeCloseTo([2, 8][i], 12));
  });
});
