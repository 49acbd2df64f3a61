import { describe, expect, it } from 'vitest';
import { key } from '../random/index.js';
import { modularData, type ModularTask } from '../tasks/modular.js';
import { gradcheck } from '../tensor/gradcheck.js';
import { weightsFor } from '../tensor/testing.js';
import * as T from '../tensor/index.js';
import { buildModel, initParams, modelConfigSchema, type ModelConfig } from './index.js';

const task: ModularTask = { name: 'modular', p: 5, operation: 'add', trainFraction: 0.6, splitSeed: 0 };
const data = modularData(task);
const ctx = { input: data.input, outputs: data.outputs };
const batch = { tokens: data.train.tokens.subarray(0, 12), labels: data.train.labels.subarray(0, 4), count: 4 };

const mlpConfig: ModelConfig = { name: 'mlp', input: 'embedding', embedDim: 3, hidden: [4, 3], activation: 'relu', bias: true, initScale: 1 };
const transformerConfig: ModelConfig = { name: 'transformer', layers: 2, dModel: 4, heads: 2, dMlp: 6, layerNorm: true, causal: true, initScale: 1 };
const configs: [string, ModelConfig][] = [
  ['mlp (embedding, relu)', mlpConfig],
  ['mlp (one-hot, tanh, no bias)', { ...mlpConfig, input: 'onehot', activation: 'tanh', bias: false }],
  ['transformer (2 layers, LayerNorm)', transformerConfig],
  ['transformer (1 layer, LayerNorm)', { ...transformerConfig, layers: 1 }],
  ['transformer (3 layers, LayerNorm)', { ...transformerConfig, layers: 3 }],
  ['transformer (2 layers, LayerNorm, not causal)', { ...transformerConfig, causal: false }],
  ['transformer (Nanda: 1 layer, no LayerNorm)', { ...transformerConfig, layers: 1, layerNorm: false }],
  ['transformer (2 layers, no LayerNorm)', { ...transformerConfig, layerNorm: false }],
];

describe('models', () => {
  for (const [name, config] of configs) {
    it(`${name}: logits [count, classes], and exact gradients for every parameter`, () => {
      const model = buildModel(config, ctx);
      const params = initParams(model, key(1), 'float64', 1);
      expect(Object.keys(params)).toEqual(Object.keys(model.shapes));
      for (const [n, p] of Object.entries(params)) expect(p.shape).toEqual(model.shapes[n]);
      const logits = model.apply(params, batch);
      expect(logits.shape).toEqual([4, 5]);
      const names = Object.keys(params);
      const loss = (...ps: T.Tensor[]) => T.crossEntropy(model.apply(Object.fromEntries(names.map((n, i) => [n, ps[i]])), batch), batch.labels);
      const { maxError, worst } = gradcheck(
        loss,
        names.map((n) => params[n]),
        weightsFor(name),
      );
      expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-6);
    });
  }

  it('compute the function they define: the same logits as the layers written out over the embedded tokens', () => {
    const column = (k: number) => Int32Array.from({ length: 4 }, (_, i) => batch.tokens[i * 3 + k]);
    const close = (a: T.Tensor, b: T.Tensor) => a.toArray().forEach((v, i) => expect(v).toBeCloseTo(b.toArray()[i], 12));
    // the MLP's first layer over the concatenated embeddings of both operands
    const mlp = buildModel(mlpConfig, ctx);
    const m = initParams(mlp, key(4), 'float64', 1);
    const input = T.concat([T.embedding(m.embed, column(0)), T.embedding(m.embed, column(1))], 1);
    const hidden = T.linear(T.linear(input, m.w0, m.b0, 'relu'), m.w1, m.b1, 'relu');
    close(mlp.apply(m, batch), T.linear(hidden, m.w2, m.b2));
    // Nanda et al.'s block: attention over the embedded stream, MLP, unembedding at the last position
    const nanda = buildModel({ ...transformerConfig, layers: 1, layerNorm: false }, ctx);
    const p = initParams(nanda, key(5), 'float64', 1);
    const stream = T.add(T.embedding(p.embed, batch.tokens, [4, 3]), p.pos);
    const attended = T.causalSelfAttention(stream, { wq: p['l0.wq'], wk: p['l0.wk'], wv: p['l0.wv'], wo: p['l0.wo'] }, 2);
    let x = T.slice(T.add(stream, attended), 1, 2, 3);
    x = T.add(x, T.linear(T.linear(x, p['l0.win'], p['l0.bin'], 'relu'), p['l0.wout'], p['l0.bout']));
    close(nanda.apply(p, batch), T.matmul(T.reshape(x, [4, 4]), p.unembed));
    // Power et al.'s blocks (two; three has a middle block): LayerNorm before attention, before the MLP and before the unembedding
    for (const layers of [2, 3]) {
      const power = buildModel({ ...transformerConfig, layers }, ctx);
      const q = initParams(power, key(6), 'float64', 1);
      // LayerNorm's gains and shifts start at 1 and 0: other values check that each is read
      for (const [name, param] of Object.entries(q))
        if (/ln.\.|lnf/.test(name)) param.data.forEach((_, i) => (param.data[i] += 0.1 * Math.sin(i + name.length)));
      const norm = (y: T.Tensor, prefix: string) => T.layerNorm(y, q[`${prefix}.g`], q[`${prefix}.b`]);
      let y = T.add(T.embedding(q.embed, batch.tokens, [4, 3]), q.pos);
      for (let l = 0; l < layers; l++) {
        const w = (name: string) => q[`l${l}.${name}`];
        y = T.add(y, T.causalSelfAttention(norm(y, `l${l}.ln1`), { wq: w('wq'), wk: w('wk'), wv: w('wv'), wo: w('wo') }, 2));
        y = T.add(y, T.linear(T.linear(norm(y, `l${l}.ln2`), w('win'), w('bin'), 'relu'), w('wout'), w('bout')));
      }
      close(power.apply(q, batch), T.matmul(T.reshape(norm(T.slice(y, 1, 2, 3), 'lnf'), [4, 4]), q.unembed));
    }
  });

  it('mlp on dense features: predictions [count, outputs], exact gradients; the transformer refuses features', () => {
    const dense = { input: { kind: 'features', features: 3 } as const, outputs: 2 };
    const model = buildModel({ ...mlpConfig, activation: 'tanh' }, dense);
    expect(Object.keys(model.shapes)).toEqual(['w0', 'b0', 'w1', 'b1', 'w2', 'b2']);
    const params = initParams(model, key(3), 'float64', 1);
    const examples = {
      count: 4,
      features: Float64Array.from({ length: 12 }, (_, i) => Math.sin(i)),
      targets: Float64Array.from({ length: 8 }, (_, i) => Math.cos(i)),
    };
    expect(model.apply(params, examples).shape).toEqual([4, 2]);
    const names = Object.keys(params);
    const loss = (...ps: T.Tensor[]) => T.mse(model.apply(Object.fromEntries(names.map((n, i) => [n, ps[i]])), examples), T.tensor(examples.targets, [4, 2]));
    const { maxError } = gradcheck(
      loss,
      names.map((n) => params[n]),
      weightsFor('dense'),
    );
    expect(maxError).toBeLessThan(1e-6);
    expect(() => buildModel(transformerConfig, dense)).toThrow(/token sequences/);
  });

  it('init scale α multiplies every parameter', () => {
    const model = buildModel(transformerConfig, ctx);
    const base = initParams(model, key(2), 'float64', 1);
    const scaled = initParams(model, key(2), 'float64', 8);
    for (const n of Object.keys(base)) scaled[n].data.forEach((v, i) => expect(v).toBe(8 * base[n].data[i]));
  });

  it('validates configs, naming fields', () => {
    expect(modelConfigSchema.safeParse({ ...transformerConfig, heads: 3 }).error?.issues[0].path).toEqual(['heads']);
    expect(modelConfigSchema.safeParse({ ...mlpConfig, activation: 'gelu' }).success).toBe(false);
    expect(modelConfigSchema.safeParse({ ...mlpConfig, name: 'cnn' }).success).toBe(false);
  });
});
