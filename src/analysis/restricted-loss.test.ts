import { describe, expect, it } from 'vitest';
import { keyComponent, progressLosses } from './restricted-loss.js';

const p = 13;
const all = Int32Array.from({ length: p * p }, (_, i) => i);
const sums = Int32Array.from(all, (i) => (Math.floor(i / p) + (i % p)) % p);

/** The logits of the Fourier algorithm for a + b on frequencies `ws`: Σ_w β cos(2πw(a + b − c)/p), plus `extra`. */
function algorithmLogits(ws: number[], beta: number, extra: (a: number, b: number, c: number) => number = () => 0): Float64Array {
  const out = new Float64Array(p * p * p);
  for (let a = 0; a < p; a++)
    for (let b = 0; b < p; b++)
      for (let c = 0; c < p; c++) {
        let z = extra(a, b, c);
        for (const w of ws) z += beta * Math.cos((2 * Math.PI * w * (a + b - c)) / p);
        out[(a * p + b) * p + c] = z;
      }
  return out;
}

describe('restricted and excluded loss', () => {
  it('keep all of an algorithm on its key frequencies (restricted = full loss) and nothing without them (excluded = log p)', () => {
    const logits = algorithmLogits([2, 5], 4);
    const { restricted, excluded } = progressLosses(logits, p, [2, 5], 'add', { rows: all, labels: sums }, { rows: all, labels: sums });
    let full = 0;
    for (let r = 0; r < p * p; r++) {
      const row = logits.subarray(r * p, (r + 1) * p);
      const max = Math.max(...row);
      full += max + Math.log(row.reduce((s, z) => s + Math.exp(z - max), 0)) - row[sums[r]];
    }
    expect(restricted).toBeCloseTo(full / (p * p), 10);
    expect(excluded).toBeCloseTo(Math.log(p), 10);
  });

  it('separates the key frequencies from memorized noise: restricted ignores it, excluded keeps it', () => {
    // a lookup-table part that depends on (a, b) but not through a + b
    const memo = (a: number, b: number, c: number) => 3 * Math.sin(a * 1.7 + b * 0.3 + c * 2.9);
    const logits = algorithmLogits([4], 3, memo);
    const clean = progressLosses(algorithmLogits([4], 3), p, [4], 'add', { rows: all, labels: sums }, { rows: all, labels: sums });
    const noisy = progressLosses(logits, p, [4], 'add', { rows: all, labels: sums }, { rows: all, labels: sums });
    expect(noisy.restricted).toBeLessThan(clean.restricted + 0.5);
    expect(noisy.excluded).not.toBeCloseTo(Math.log(p), 2);
  });

  it('projects orthogonally: the key component of what remains is zero, and projecting twice changes nothing', () => {
    const logits = algorithmLogits([1, 3], 1, (a, b, c) => Math.sin(a * b + c));
    const k = keyComponent(logits, p, p, [1, 3], 'add', true);
    const expanded = Float64Array.from(logits, (_, i) => k[((Math.floor(i / (p * p)) + (Math.floor(i / p) % p)) % p) * p + (i % p)]);
    const again = keyComponent(expanded, p, p, [1, 3], 'add', true);
    again.forEach((v, i) => expect(v).toBeCloseTo(k[i], 10));
    const rest = Float64Array.from(logits, (v, i) => v - expanded[i]);
    keyComponent(rest, p, p, [1, 3], 'add', true).forEach((v) => expect(v).toBeCloseTo(0, 10));
  });

  it('refuses a frequency outside 1 … ⌊p/2⌋', () => {
    expect(() => keyComponent(new Float64Array(p * p * p), p, p, [7], 'add', true)).toThrow(/frequency 7/);
  });
});
