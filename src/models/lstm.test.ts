import { describe, expect, it } from 'vitest';
import { key } from '../random/index.js';
import { gradcheck } from '../tensor/gradcheck.js';
import { weightsFor } from '../tensor/testing.js';
import * as T from '../tensor/index.js';
import { buildModel, initParams, modelConfigSchema, type ModelConfig } from './index.js';

const config: ModelConfig = { name: 'lstm', embedDim: 3, hidden: 4, layers: 2, initScale: 1 };
const ctx = { input: { kind: 'tokens', vocab: 6, sequenceLength: 5 } as const, outputs: 1 };
// left-padded rows, one of them all padding
const batch = { count: 3, tokens: Int32Array.from([0, 0, 3, 1, 5, 0, 0, 0, 0, 0, 2, 4, 4, 1, 3]), labels: Int32Array.from([1, 0, 1]) };

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

/** nn.LSTM written out with scalar loops: the model's forward must match it. */
function referenceLogits(params: Record<string, T.Tensor>, tokens: Int32Array, n: number, L: number, H: number, layers: number): number[] {
  const at = (name: string, r: number, c: number) => params[name].data[r * params[name].shape[1] + c];
  const logits: number[] = [];
  for (let row = 0; row < n; row++) {
    let xs = Array.from({ length: L }, (_, t) => Array.from(params.embed.data.subarray(tokens[row * L + t] * 3, tokens[row * L + t] * 3 + 3)));
    for (let l = 0; l < layers; l++) {
      let h = new Array<number>(H).fill(0);
      let c = new Array<number>(H).fill(0);
      const out: number[][] = [];
      for (const x of xs) {
        const z = Array.from({ length: 4 * H }, (_, j) => {
          let s = params[`l${l}.bih`].data[j] + params[`l${l}.bhh`].data[j];
          x.forEach((v, k) => (s += v * at(`l${l}.wih`, k, j)));
          h.forEach((v, k) => (s += v * at(`l${l}.whh`, k, j)));
          return s;
        });
        c = c.map((cj, j) => sigmoid(z[H + j]) * cj + sigmoid(z[j]) * Math.tanh(z[2 * H + j]));
        h = c.map((cj, j) => sigmoid(z[3 * H + j]) * Math.tanh(cj));
        out.push(h);
      }
      xs = out;
    }
    const last = xs[L - 1];
    logits.push(params['out.b'].data[0] + last.reduce((s, v, k) => s + v * at('out.w', k, 0), 0));
  }
  return logits;
}

describe('lstm', () => {
  const model = buildModel(config, ctx);
  const names = Object.keys(model.shapes);

  it('has nn.LSTM-shaped parameters with U(±1/√H) init, and computes what nn.LSTM computes', () => {
    expect(names).toEqual(['embed', 'l0.wih', 'l0.whh', 'l0.bih', 'l0.bhh', 'l1.wih', 'l1.whh', 'l1.bih', 'l1.bhh', 'out.w', 'out.b']);
    expect(model.shapes['l0.wih']).toEqual([3, 16]);
    expect(model.shapes['l1.wih']).toEqual([4, 16]);
    const params = initParams(model, key(1), 'float64', 1);
    for (const name of names.slice(1)) for (const v of params[name].data) expect(Math.abs(v)).toBeLessThanOrEqual(0.5);
    const logits = model.apply(params, batch);
    expect(logits.shape).toEqual([3, 1]);
    const expected = referenceLogits(params, batch.tokens, 3, 5, 4, 2);
    logits.data.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('has exact gradients for every parameter (BCE, float64)', () => {
    const params = initParams(model, key(2), 'float64', 3);
    const loss = (...ps: T.Tensor[]) => T.binaryCrossEntropy(model.apply(Object.fromEntries(names.map((n, i) => [n, ps[i]])), batch), batch.labels);
    const { maxError, worst } = gradcheck(
      loss,
      names.map((n) => params[n]),
      weightsFor('lstm'),
    );
    expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-6);
  });

  it('evaluates large sets in chunks, with the same logits', () => {
    const params = initParams(model, key(3), 'float64', 1);
    const rows = Array.from({ length: 120 }, (_, i) => i % 3);
    const large = { count: 120, tokens: Int32Array.from(rows.flatMap((r) => Array.from(batch.tokens.subarray(r * 5, r * 5 + 5)))) };
    const recorded = model.apply(params, large);
    const chunked = T.noGrad(() => model.apply(params, large));
    expect(chunked.shape).toEqual([120, 1]);
    chunked.data.forEach((v, i) => expect(v).toBeCloseTo(recorded.data[i], 12));
  });

  it('validates its config and refuses dense features', () => {
    expect(modelConfigSchema.safeParse({ ...config, layers: 0 }).success).toBe(false);
    expect(modelConfigSchema.safeParse({ ...config, dropout: 0.3 }).success).toBe(false);
    expect(() => buildModel(config, { input: { kind: 'features', features: 3 }, outputs: 1 })).toThrow(/token sequences/);
  });
});
