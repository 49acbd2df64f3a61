import { describe, expect, it } from 'vitest';
import { key } from '../random/index.js';
import { modularData } from '../tasks/modular.js';
import { gradcheck } from '../tensor/gradcheck.js';
import { weightsFor } from '../tensor/testing.js';
import * as T from '../tensor/index.js';
import { buildModel, initParams, modelConfigSchema, type MatrixProductMlpConfig } from './index.js';

const data = modularData({ name: 'modular', p: 7, operation: 'add', trainFraction: 0.5, splitSeed: 0 });
const ctx = { input: data.input, outputs: data.outputs };
const batch = { tokens: data.train.tokens.subarray(0, 15), labels: data.train.labels.subarray(0, 5), count: 5 };
const code: MatrixProductMlpConfig = { name: 'matrix-product-mlp', embedDim: 4, hidden: [3], sharedEmbedding: false, bias: false, initScale: 1 };
const paper: MatrixProductMlpConfig = { ...code, sharedEmbedding: true, bias: true };

describe('matrix-product-mlp (Tikeng Notsawo et al. 2025)', () => {
  it("their code's version: two bias-free p×d embeddings and bias-free layers", () => {
    expect(buildModel({ ...code, embedDim: 64, hidden: [64] }, ctx).shapes).toEqual({ embedX: [7, 64], embedY: [7, 64], w0: [64, 64], w1: [64, 7] });
    expect(buildModel(paper, ctx).shapes).toEqual({ embed: [7, 4], embedBias: [4], w0: [4, 3], b0: [3], w1: [3, 7], b1: [7] });
  });

  for (const [name, config] of [
    ['code', code],
    ['paper', paper],
  ] as const) {
    it(`${name} version: exact gradients for every parameter (Float64)`, () => {
      const model = buildModel(config, ctx);
      const params = initParams(model, key(4), 'float64', 1);
      // non-zero biases, so their gradients are checked away from the init
      for (const [n, p] of Object.entries(params)) if (n.startsWith('b') || n.endsWith('Bias')) p.data.forEach((_, i) => (p.data[i] = 0.1 * Math.sin(i + 1)));
      const names = Object.keys(params);
      const loss = (...ps: T.Tensor[]) => T.crossEntropy(model.apply(Object.fromEntries(names.map((n, i) => [n, ps[i]])), batch), batch.labels);
      const { maxError, worst } = gradcheck(
        loss,
        names.map((n) => params[n]),
        weightsFor(`matrix-product-mlp ${name}`),
      );
      expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-6);
    });
  }

  it('computes relu(flatten(E_x · E_y) W0) W1, E row-major k×k', () => {
    const model = buildModel(code, ctx);
    const params = initParams(model, key(5), 'float64', 1);
    const logits = model.apply(params, batch).data;
    const { embedX, embedY, w0, w1 } = params;
    for (let n = 0; n < batch.count; n++) {
      const [x, y] = [batch.tokens[3 * n], batch.tokens[3 * n + 1]];
      const ex = embedX.data.subarray(4 * x, 4 * x + 4);
      const ey = embedY.data.subarray(4 * y, 4 * y + 4);
      const prod = [0, 1, 2, 3].map((ij) => {
        const [i, j] = [Math.floor(ij / 2), ij % 2];
        return ex[2 * i] * ey[j] + ex[2 * i + 1] * ey[2 + j];
      });
      const h = [0, 1, 2].map((c) =>
        Math.max(
          0,
          prod.reduce((s, v, r) => s + v * w0.data[3 * r + c], 0),
        ),
      );
      for (let o = 0; o < 7; o++)
        expect(logits[7 * n + o]).toBeCloseTo(
          h.reduce((s, v, r) => s + v * w1.data[7 * r + o], 0),
          12,
        );
    }
  });

  it("their code's init: embeddings U(±1/√p), dense weights N(0, 1/out), biases 0 except the embedding's", () => {
    const model = buildModel({ ...paper, embedDim: 64, hidden: [256] }, ctx);
    const params = initParams(model, key(6), 'float64', 1);
    const bound = 1 / Math.sqrt(7);
    for (const n of ['embed', 'embedBias']) expect(Math.max(...params[n].data.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...params.embed.data.map(Math.abs))).toBeGreaterThan(0.9 * bound);
    const w0 = params.w0.data;
    const variance = Array.from(w0, (v) => v * v).reduce((a, b) => a + b, 0) / w0.length;
    expect(variance * 256).toBeGreaterThan(0.9);
    expect(variance * 256).toBeLessThan(1.1);
    expect([...params.b0.data, ...params.b1.data].every((v) => v === 0)).toBe(true);
  });

  it('rejects an embedding width that is not a square, dense features and other row lengths', () => {
    expect(modelConfigSchema.safeParse({ ...code, embedDim: 10 }).error?.issues[0]).toMatchObject({
      path: ['embedDim'],
      message: expect.stringMatching(/perfect square/),
    });
    expect(() => buildModel(code, { input: { kind: 'features', features: 3 }, outputs: 2 })).toThrow(/token sequences/);
    expect(() => buildModel(code, { input: { kind: 'tokens', vocab: 8, sequenceLength: 4 }, outputs: 7 })).toThrow(/two operands/);
  });
});
