import { describe, expect, it } from 'vitest';
import { representationStructure } from './representation.js';

describe('representationStructure', () => {
  it('is 1 for classes collapsed to points and ≈ 0 when the class means coincide', () => {
    // three classes at three corners, every example exactly on its corner
    const labels = [0, 1, 2, 0, 1, 2];
    const corners = [
      [1, 0, 0],
      [0, 2, 0],
      [0, 0, 3],
    ];
    const collapsed = labels.flatMap((l) => corners[l]);
    expect(representationStructure(collapsed, 6, 3, labels, 3).classSeparation).toBeCloseTo(1, 12);
    // the same two points for every class: between-class variance 0
    const mixed = [1, 0, 0, -1, 0, 0, 1, 0, 0, -1, 0, 0, 1, 0, 0, -1, 0, 0];
    expect(representationStructure(mixed, 6, 3, [0, 0, 1, 1, 2, 2], 3).classSeparation).toBeCloseTo(0, 12);
  });

  it('between-class share by hand, principal components and participation ratio', () => {
    // x = −1, 1 (class 0) and 3, 5 (class 1), y = 0: centred −3, −1, 1, 3 (total 20), class means ∓2 (between 4·4 = 16)
    const rows = [-1, 0, 1, 0, 3, 0, 5, 0];
    const r = representationStructure(rows, 4, 2, [0, 0, 1, 1], 2);
    expect(r.classSeparation).toBeCloseTo(16 / 20, 12);
    expect(r.explained[0]).toBeCloseTo(1, 12);
    expect(r.participationRatio).toBeCloseTo(1, 12);
    expect(Array.from(r.pc1, Math.abs)).toEqual([3, 1, 1, 3].map((v) => expect.closeTo(v, 12)));
    // isotropic spread over 2 directions: participation ratio 2
    const square = representationStructure([1, 0, -1, 0, 0, 1, 0, -1], 4, 2, [0, 1, 0, 1], 2);
    expect(square.participationRatio).toBeCloseTo(2, 12);
  });
});
