import { describe, expect, it } from 'vitest';
import { foldIn, key } from '../random/index.js';
import { gradcheck } from '../tensor/gradcheck.js';
import { weightsFor } from '../tensor/testing.js';
import * as T from '../tensor/index.js';
import { bnn, initBnnParams, type BnnConfig } from './bnn.js';
import { buildModel, modelConfigSchema } from './index.js';

const config: BnnConfig = { name: 'bnn', hidden: [4], initScale: 0.5, posteriorStdInit: 0.3, priorStd: 1.5 };
const ctx = { input: { kind: 'features', features: 3 } as const, outputs: 2 };
const batch = { count: 5, features: Float64Array.from({ length: 15 }, (_, i) => (i % 4 === 0 ? 0 : Math.cos(i))), labels: Int32Array.from([0, 1, 1, 0, 1]) };

describe('bnn (mean-field Gaussian MLP, local reparameterization)', () => {
  const model = bnn(config, ctx);
  const params = initBnnParams(model, key(7), 'float64', config.initScale);
  const names = Object.keys(params);
  const withParams = (ps: T.Tensor[]) => Object.fromEntries(names.map((n, i) => [n, ps[i]]));

  it('means N(0, σ²), log-stds ln(posteriorStdInit), a mean and a log-std per weight and bias', () => {
    expect(names).toEqual(['w0_mean', 'b0_mean', 'w0_logstd', 'b0_logstd', 'w1_mean', 'b1_mean', 'w1_logstd', 'b1_logstd']);
    const big = initBnnParams(bnn({ ...config, hidden: [2000] }, ctx), key(1), 'float64', 0.5);
    const m = big.w0_mean.data;
    const variance = Array.from(m).reduce((s, v) => s + v * v, 0) / m.length;
    expect(Math.sqrt(variance)).toBeCloseTo(0.5, 1);
    for (const v of big.w1_logstd.data) expect(v).toBeCloseTo(Math.log(0.3), 12);
  });

  it('KL is the closed form Σ ln(p/s) + (s² + m²)/(2p²) − ½, and its gradient is exact', () => {
    let expected = 0;
    for (const n of names.filter((n) => n.endsWith('_mean'))) {
      const m = params[n].data;
      const logS = params[n.replace('_mean', '_logstd')].data;
      for (let i = 0; i < m.length; i++) {
        const s = Math.exp(logS[i]);
        expected += Math.log(1.5 / s) + (s * s + m[i] * m[i]) / (2 * 1.5 * 1.5) - 0.5;
      }
    }
    expect(T.noGrad(() => model.kl(params).item())).toBeCloseTo(expected, 10);
    const { maxError, worst } = gradcheck(
      (...ps) => model.kl(withParams(ps)),
      names.map((n) => params[n]),
      weightsFor('bnn-kl'),
    );
    expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-6);
  });

  it('the sampled free energy (CE + KL/N) has exact gradients for a fixed ε, and ε depends only on the key', () => {
    const noise = model.noise(5, foldIn(key(3), 11), 'float64');
    const loss = (...ps: T.Tensor[]) => T.add(T.crossEntropy(model.sample(withParams(ps), batch, noise), batch.labels), T.div(model.kl(withParams(ps)), 5));
    const { maxError, worst } = gradcheck(
      loss,
      names.map((n) => params[n]),
      weightsFor('bnn-vfe'),
    );
    expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-6);
    T.noGrad(() => {
      expect(model.sample(params, batch, noise).data).toEqual(model.sample(params, batch, noise).data);
      expect(model.sample(params, batch, noise).data).not.toEqual(model.sample(params, batch, model.noise(5, foldIn(key(3), 12), 'float64')).data);
    });
  });

  it('a sampled pre-activation has the mean x·M + b and the variance x²·S² + s_b² of a weight sample', () => {
    const one = bnn({ ...config, hidden: [] }, { ...ctx, outputs: 1 });
    const p = initBnnParams(one, key(2), 'float64', 1);
    const x = { count: 4000, features: new Float64Array(4000 * 3).map((_, i) => [0.5, -1, 2][i % 3]) };
    const z = T.noGrad(() => one.sample(p, x, one.noise(4000, key(9), 'float64'))).data;
    const mean = Array.from(z).reduce((s, v) => s + v, 0) / z.length;
    const variance = Array.from(z).reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
    const [m, s2] = [0, 1].map((k) =>
      [0.5, -1, 2].reduce(
        (acc, xi, i) => acc + (k === 0 ? xi * p.w0_mean.data[i] : xi * xi * Math.exp(2 * p.w0_logstd.data[i])),
        k === 0 ? p.b0_mean.data[0] : Math.exp(2 * p.b0_logstd.data[0]),
      ),
    );
    expect(Math.abs(mean - m)).toBeLessThan(5 * Math.sqrt(s2 / 4000));
    expect(variance / s2).toBeGreaterThan(0.9);
    expect(variance / s2).toBeLessThan(1.1);
  });

  it('apply is the network at its means; configs are validated; token tasks are refused', () => {
    const viaIndex = buildModel(config, ctx);
    expect(T.noGrad(() => viaIndex.apply(params, batch).shape)).toEqual([5, 2]);
    expect(modelConfigSchema.safeParse({ ...config, initScale: 0 }).error?.issues[0].path).toEqual(['initScale']);
    expect(() => bnn(config, { input: { kind: 'tokens', vocab: 3, sequenceLength: 3 }, outputs: 2 })).toThrow(/dense features/);
  });
});
