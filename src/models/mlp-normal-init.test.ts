// The MLP's normalFanOut weights: Tikeng Notsawo et al.'s type_init='normal', std 1/√(torch
// weight.shape[0]) = 1/√fan_out, which makes their teacher–student student's read-out large.
import { describe, expect, it } from 'vitest';
import { key } from '../random/index.js';
import type * as T from '../tensor/index.js';
import { buildModel, initParams, type MlpConfig } from './index.js';
import { mlpSchema } from './mlp.js';

const dense = { input: { kind: 'features', features: 50 } as const, outputs: 4 };
const config: MlpConfig = {
  name: 'mlp',
  input: 'embedding',
  embedDim: 1,
  hidden: [400],
  activation: 'relu',
  bias: false,
  weightInit: 'normalFanOut',
  initScale: 1,
};

const std = (t: T.Tensor) => Math.sqrt(Array.from(t.data).reduce((s, v) => s + v * v, 0) / t.data.length);

describe('mlp weightInit normalFanOut', () => {
  it('draws each dense weight N(0, 1/fan_out): 1/√400 for the hidden layer, 1/√4 for the read-out', () => {
    const model = buildModel(config, dense);
    expect(Object.keys(model.shapes)).toEqual(['w0', 'w1']);
    const p = initParams(model, key(3), 'float64', 1);
    // 20 000 and 1600 draws: the sample std is within 3 % and 8 % with overwhelming probability
    expect(Math.abs(std(p.w0) * 20 - 1)).toBeLessThan(0.03);
    expect(Math.abs(std(p.w1) * 2 - 1)).toBeLessThan(0.08);
  });

  it('is rejected by name with the allowed initializers listed', () => {
    expect(() => mlpSchema.parse({ ...config, weightInit: 'normal' })).toThrow(/weightInit[\s\S]*normalFanOut/);
  });
});
