import { describe, expect, it } from 'vitest';
import { gradcheck } from '../../tensor/gradcheck.js';
import { tensor } from '../../tensor/index.js';
import { weightsFor } from '../../tensor/testing.js';
import { erfcx, gaussHermite, inverseSoftplus, logNormalCdf, logNormalCdfAt, softplus, softplusAt } from './special.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('erfcx and log Φ', () => {
  it('erfc matches reference values on both sides of the series/continued-fraction switch', () => {
    const erfc: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2, 0.004677734981047266],
      [2.5, 0.000406952017444959],
      [3, 2.209049699858544e-5],
      [5, 1.5374597944280349e-12],
    ];
    for (const [u, want] of erfc) expect(rel(Math.exp(-u * u) * erfcx(u), want), `erfc(${u})`).toBeLessThan(2e-12);
    // continuous across the switch: erfcx′(u) = 2u·erfcx(u) − 2/√π
    const h = 1e-9;
    const slope = 2 * 2.5 * erfcx(2.5) - 2 / Math.sqrt(Math.PI);
    expect(rel(erfcx(2.5 - h), erfcx(2.5) - h * slope)).toBeLessThan(1e-12);
    expect(() => erfcx(-1)).toThrow('erfcx: needs u ≥ 0');
  });

  it('log Φ(z) matches Φ in the bulk and the asymptotic series far in the tail', () => {
    expect(rel(Math.exp(logNormalCdfAt(-1).value), 0.15865525393145707)).toBeLessThan(1e-13);
    expect(rel(Math.exp(logNormalCdfAt(1).value), 0.8413447460685429)).toBeLessThan(1e-13);
    expect(logNormalCdfAt(0).value).toBeCloseTo(Math.log(0.5), 14);
    // log Φ(z) ≈ −z²/2 − log(−z) − ½ log 2π + log(1 − 1/z² + 3/z⁴ − 15/z⁶) for z ≪ 0, where Φ itself underflows.
    const z = -40;
    const asymptotic = (-z * z) / 2 - Math.log(-z) - 0.5 * Math.log(2 * Math.PI) + Math.log(1 - 1 / z ** 2 + 3 / z ** 4 - 15 / z ** 6);
    expect(rel(logNormalCdfAt(z).value, asymptotic)).toBeLessThan(1e-12);
    expect(Math.abs(logNormalCdfAt(40).value)).toBeLessThan(1e-300);
    expect(logNormalCdfAt(z).slope).toBeCloseTo(40.025, 2); // φ/Φ → −z
  });

  it('gradients of logNormalCdf and softplus against finite differences', () => {
    const xs = tensor([-30, -6, -2.6, -2.4, -0.3, 0, 0.7, 2.5, 9], [9], { dtype: 'float64' });
    for (const [name, f] of [
      ['logNormalCdf', logNormalCdf],
      ['softplus', softplus],
    ] as const) {
      const { maxError, worst } = gradcheck(f, [xs], weightsFor(name));
      expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-7);
    }
  });

  it('softplus and its inverse', () => {
    for (const y of [1e-6, 0.005, 0.6931, 3, 50]) expect(rel(softplusAt(inverseSoftplus(y)).value, y)).toBeLessThan(1e-12);
    expect(softplusAt(0)).toEqual({ value: Math.LN2, slope: 0.5 });
    expect(softplusAt(800).value).toBe(800);
    expect(() => inverseSoftplus(0)).toThrow('needs y > 0');
  });
});

describe('gaussHermite', () => {
  it('integrates polynomials up to degree 2n − 1 exactly', () => {
    for (const n of [1, 2, 5, 20]) {
      const { nodes, weights } = gaussHermite(n);
      const moment = (k: number) => nodes.reduce((s, x, i) => s + weights[i] * x ** k, 0);
      // ∫ e^{−x²} x^{2m} dx = Γ(m + ½) = √π (2m − 1)!! / 2^m
      let doubleFactorial = 1;
      for (let m = 0; 2 * m <= 2 * n - 1; m++) {
        if (m > 0) doubleFactorial *= 2 * m - 1;
        expect(rel(moment(2 * m), (Math.sqrt(Math.PI) * doubleFactorial) / 2 ** m), `n=${n} x^${2 * m}`).toBeLessThan(1e-12);
        expect(Math.abs(moment(2 * m + 1))).toBeLessThan(1e-12 * doubleFactorial);
      }
    }
  });

  it('names the allowed range', () => {
    expect(() => gaussHermite(0)).toThrow('needs 1 ≤ n ≤ 100');
  });
});
