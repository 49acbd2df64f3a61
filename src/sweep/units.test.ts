import { describe, expect, it } from 'vitest';
import { balanceUnits } from './units.js';

const group = (from: number, size: number) => Array.from({ length: size }, (_, i) => from + i);

describe('balanceUnits', () => {
  it('keeps each group whole when the groups already fill the workers', () => {
    expect(balanceUnits([group(0, 4), group(4, 4)], 2)).toEqual([group(0, 4), group(4, 4)]);
    expect(balanceUnits([group(0, 4), [4], [5], group(6, 3)], 2)).toEqual([group(0, 4), group(6, 3), [4], [5]]);
  });

  it('splits one group across the workers', () => {
    expect(balanceUnits([group(0, 8)], 2)).toEqual([group(0, 4), group(4, 4)]);
    expect(balanceUnits([group(0, 7)], 3)).toEqual([group(4, 3), group(0, 2), group(2, 2)]);
  });

  it('splits the widest groups up to the next multiple of the workers, largest units first', () => {
    // Three groups of four on two workers: four units, so both workers train six runs (4 + 2).
    expect(balanceUnits([group(0, 4), group(4, 4), group(8, 4)], 2)).toEqual([group(4, 4), group(8, 4), group(0, 2), group(2, 2)]);
    expect(balanceUnits([group(0, 2), group(2, 6)], 4)).toEqual([group(0, 2), group(2, 2), group(4, 2), group(6, 2)]);
  });

  it('stops when nothing is left to split, and one worker takes every group whole', () => {
    expect(balanceUnits([[0], [1]], 4)).toEqual([[0], [1]]);
    expect(balanceUnits([group(0, 5), group(5, 3)], 1)).toEqual([group(0, 5), group(5, 3)]);
    expect(balanceUnits([], 2)).toEqual([]);
  });
});
