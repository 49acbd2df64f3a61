import { describe, expect, it } from 'vitest';
import { effectiveCount, fourierBasis, gini, keyFrequencies, spectrum } from './fourier.js';

/** A deterministic N(0, 1)-ish sequence (sum of uniforms), so the test needs no RNG module. */
function noise(n: number, seed = 1): Float64Array {
  let s = seed;
  const uniform = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Float64Array.from({ length: n }, () => uniform() + uniform() + uniform() + uniform() - 2);
}

describe('fourierBasis', () => {
  for (const p of [7, 8, 113]) {
    it(`is orthonormal for p = ${p}`, () => {
      const { rows, names } = fourierBasis(p);
      expect(names).toHaveLength(p);
      let worst = 0;
      for (let i = 0; i < p; i++) {
        for (let j = 0; j < p; j++) {
          let dot = 0;
          for (let x = 0; x < p; x++) dot += rows[i * p + x] * rows[j * p + x];
          worst = Math.max(worst, Math.abs(dot - (i === j ? 1 : 0)));
        }
      }
      expect(worst).toBeLessThan(1e-12);
    });
  }
});

describe('spectrum and key frequencies', () => {
  const p = 31;
  const d = 16;

  it('puts an embedding built on frequencies 3 and 11 there, and finds them as key', () => {
    const phases = noise(d, 7);
    const matrix = new Float64Array(p * d);
    for (let x = 0; x < p; x++)
      for (let j = 0; j < d; j++) matrix[x * d + j] = Math.cos((2 * Math.PI * (j % 2 ? 3 : 11) * x) / p + phases[j]) + 0.01 * noise(1, x * d + j)[0];
    const s = spectrum(matrix, p, d);
    expect(keyFrequencies(s.frequencyNorms, 4)).toEqual([3, 11]);
    const power = s.frequencyNorms.map((n) => n * n);
    // two of 15 frequencies hold (nearly) all: the Gini of that is 13/15
    expect(gini(power)).toBeCloseTo(13 / 15, 2);
    expect(effectiveCount(power)).toBeCloseTo(2, 1);
    // all of the power is accounted for: Parseval over the orthonormal basis
    const total = matrix.reduce((a, v) => a + v * v, 0);
    expect(s.basisNorms.reduce((a, n) => a + n * n, 0)).toBeCloseTo(total, 9);
  });

  it('finds no key frequency in a random embedding, whose power is spread evenly', () => {
    const s = spectrum(noise(p * 128, 3), p, 128);
    expect(keyFrequencies(s.frequencyNorms, 4)).toEqual([]);
    expect(gini(s.frequencyNorms.map((n) => n * n))).toBeLessThan(0.2);
  });

  it('refuses a matrix of the wrong size', () => {
    expect(() => spectrum(new Float64Array(10), p, d)).toThrow(/needs 496 values/);
  });
});

describe('gini', () => {
  it('is 0 for equal values and (n − 1)/n when one value holds all', () => {
    expect(gini([2, 2, 2, 2])).toBeCloseTo(0, 12);
    expect(gini([0, 0, 0, 5])).toBeCloseTo(3 / 4, 12);
    expect(gini([0, 0])).toBe(0);
  });
});
