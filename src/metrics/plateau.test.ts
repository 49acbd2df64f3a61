import { describe, expect, it } from 'vitest';
import { plateauStep } from './plateau.js';

const curve = (values: number[]) => values.map((v, i) => ({ step: 10 * i, metrics: { e: v } }));

describe('plateauStep', () => {
  it('is the first step of a run of evaluations within 5 % of the final plateau', () => {
    expect(plateauStep(curve([1, 0.5, 0.2, 0.0102, 0.3, 0.0101, 0.01, 0.01, 0.01]), 'e')).toBe(50);
  });
  it('ignores a single visit to the plateau, and gives null with too few points', () => {
    expect(plateauStep(curve([1, 0.01, 0.5, 0.01, 0.01, 0.01]), 'e', { consecutive: 2 })).toBe(30);
    expect(plateauStep(curve([1, 0.5]), 'e')).toBeNull();
  });
});
