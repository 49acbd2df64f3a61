// The MLP's per-layer bias choice and Xavier-uniform weights (Miller et al. 2024's concealment
// network: Linear(in, 1000) → ReLU → Linear(1000, p, bias=False), xavier_uniform_ weights).
import { describe, expect, it } from 'vitest';
import { key } from '../random/index.js';
import { gradcheck } from '../tensor/gradcheck.js';
import { weightsFor } from '../tensor/testing.js';
import * as T from '../tensor/index.js';
import { buildModel, initParams, mlpSchema, type MlpConfig } from './index.js';

const dense = { input: { kind: 'features', features: 5 } as const, outputs: 3 };
const base: MlpConfig = { name: 'mlp', input: 'onehot', embedDim: 1, hidden: [40], activation: 'relu', bias: true, initScale: 1 };

describe('mlp options', () => {
  it('outputBias false drops only the read-out bias; unset keeps the old layout and draws', () => {
    const concealment = buildModel({ ...base, outputBias: false, weightInit: 'xavierUniform' }, dense);
    expect(Object.keys(concealment.shapes)).toEqual(['w0', 'b0', 'w1']);
    const old = initParams(buildModel(base, dense), key(4), 'float64', 1);
    const explicit = initParams(buildModel({ ...base, outputBias: true, weightInit: 'pytorchDefaultLinear' }, dense), key(4), 'float64', 1);
    expect(Object.keys(old)).toEqual(['w0', 'b0', 'w1', 'b1']);
    for (const n of Object.keys(old)) expect(explicit[n].data).toEqual(old[n].data);
  });

  it('xavierUniform bounds the weights by √(6/(fanIn+fanOut)), biases by PyTorch 1/√fanIn', () => {
    const model = buildModel({ ...base, outputBias: false, weightInit: 'xavierUniform' }, dense);
    const p = initParams(model, key(1), 'float64', 1);
    const maxAbs = (t: T.Tensor) => Math.max(...Array.from(t.data, Math.abs));
    const w0 = Math.sqrt(6 / (5 + 40));
    const w1 = Math.sqrt(6 / (40 + 3));
    // The largest of 200 uniform draws lies within 5 % of the bound with probability > 0.9999.
    expect(maxAbs(p.w0)).toBeLessThanOrEqual(w0);
    expect(maxAbs(p.w0)).toBeGreaterThan(0.95 * w0);
    expect(maxAbs(p.w1)).toBeLessThanOrEqual(w1);
    expect(maxAbs(p.w1)).toBeGreaterThan(0.9 * w1);
    expect(maxAbs(p.b0)).toBeLessThanOrEqual(1 / Math.sqrt(5));
  });

  it('exact gradients without the output bias', () => {
    const model = buildModel({ ...base, hidden: [4], outputBias: false, weightInit: 'xavierUniform' }, dense);
    const params = initParams(model, key(2), 'float64', 1);
    const batch = { count: 4, features: Float64Array.from({ length: 20 }, (_, i) => Math.sin(i + 1)), labels: Int32Array.from([0, 2, 1, 2]) };
    const names = Object.keys(params);
    const loss = (...ps: T.Tensor[]) => T.crossEntropy(model.apply(Object.fromEntries(names.map((n, i) => [n, ps[i]])), batch), batch.labels);
    const { maxError, worst } = gradcheck(
      loss,
      names.map((n) => params[n]),
      weightsFor('mlp-options'),
    );
    expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-6);
  });

  it("leakySlope sets leakyRelu's negative slope (Omnigrok's toy: 0.2); without it PyTorch's 0.01", () => {
    const leaky: MlpConfig = { ...base, hidden: [6], activation: 'leakyRelu' };
    const batch = { count: 4, features: Float64Array.from({ length: 20 }, (_, i) => 3 * Math.sin(i + 1)) };
    const forward = (slope: number, params: Record<string, T.Tensor>) => {
      const [w0, b0, w1, b1] = ['w0', 'b0', 'w1', 'b1'].map((n) => params[n].data);
      const out: number[] = [];
      for (let n = 0; n < 4; n++) {
        const h = Array.from({ length: 6 }, (_, j) => {
          let s = b0[j];
          for (let i = 0; i < 5; i++) s += batch.features[5 * n + i] * w0[6 * i + j];
          return s > 0 ? s : slope * s;
        });
        for (let k = 0; k < 3; k++) out.push(h.reduce((s, v, j) => s + v * w1[3 * j + k], b1[k]));
      }
      return out;
    };
    for (const [slope, config] of [
      [0.2, { ...leaky, leakySlope: 0.2 }],
      [0.01, leaky],
    ] as const) {
      const model = buildModel(config, dense);
      const params = initParams(model, key(3), 'float64', 1);
      const got = Array.from(model.apply(params, batch).data);
      forward(slope, params).forEach((v, i) => expect(got[i]).toBeCloseTo(v, 12));
    }
    expect(() => mlpSchema.parse({ ...base, leakySlope: 0.2 })).toThrow(/leakySlope[\s\S]*leakyRelu/);
    expect(() => mlpSchema.parse({ ...leaky, leakySlope: 2 })).toThrow(/leakySlope/);
  });
});
