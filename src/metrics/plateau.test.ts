import { describe, expect, it } from 'vitest';
import { plateauStep } from './plateau.js';

const curve = (values: number[]) => values.map((v, i) => ({ step: 10 * i, metrics: { e: v } }));

describe('plateauStep', () => {
  it('is the first step of a run of evaluations within 5 % of the final plateau', () => {
    expect(plateauStep(curve([1, 0.5, 0.2, 0.0102, 0.3, 0.0101, 0.01, 0.01, 0.01]), 'e')).toBe(50);
  });
  it('a plateau that oscillates widens the band to its own fluctuation', () => {
    // a nuclear-norm completion run: the test error falls at ~3e3 steps, then swings ±30 % around 5e-4
    const noisy = [0.9, 0.5, 0.14, 5.4e-4, 6.2e-4, 4.5e-4, 4.6e-4, 6.7e-4, 4.6e-4, 6.7e-4, 3.8e-4, 4.5e-4];
    expect(plateauStep(curve(noisy), 'e')).toBe(30);
    expect(plateauStep(curve([1, 0.5, 0.2, 0.0102, 0.0101, 0.012, 0.01, 0.0099]), 'e')).toBe(30);
  });

  it('ignores a single visit to the plateau, and gives null with too few points', () => {
    expect(plateauStep(curve([1, 0.01, 0.5, 0.01, 0.01, 0.01]), 'e', { consecutive: 2 })).toBe(30);
    expect(plateauStep(curve([1, 0.5]), 'e')).toBeNull();
  });
});
