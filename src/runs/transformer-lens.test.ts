// The TransformerLens mapping is checked by meaning, not by shape alone: a forward pass written
// the way HookedTransformer computes it (per-head einsums, b_* biases, the mask buffer, logits at
// every position) on the exported tensors gives groklab's logits.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../models/index.js';
import { key, normal, foldIn } from '../random/index.js';
import { modularData } from '../tasks/modular.js';
import * as T from '../tensor/index.js';
import { fromTransformerLens, toTransformerLens, transformerLensConfig, type TransformerModel } from './transformer-lens.js';

type Floats = Float32Array | Float64Array;
type State = Record<string, { shape: number[]; data: ArrayLike<number> }>;

/** logits [vocab_out] at the last position, computed as HookedTransformer does. */
function hookedTransformerLogits(sd: State, cfg: Record<string, unknown>, tokens: number[]): number[] {
  const [d, H, dh, dMlp, layers, vOut] = ['d_model', 'n_heads', 'd_head', 'd_mlp', 'n_layers', 'd_vocab_out'].map((k) => cfg[k] as number);
  const n = tokens.length;
  const at = (name: string, ...i: number[]) => {
    const { shape, data } = sd[name];
    let flat = 0;
    for (let a = 0; a < shape.length; a++) flat = flat * shape[a] + i[a];
    return data[flat];
  };
  const ln = (x: number[], prefix: string) => {
    if (cfg.normalization_type !== 'LN') return x;
    const mean = x.reduce((s, v) => s + v, 0) / d;
    const c = x.map((v) => v - mean);
    const scale = Math.sqrt(c.reduce((s, v) => s + v * v, 0) / d + (cfg.eps as number));
    return c.map((v, i) => (v / scale) * at(`${prefix}.w`, i) + at(`${prefix}.b`, i));
  };
  let resid = tokens.map((t, p) => Array.from({ length: d }, (_, i) => at('embed.W_E', t, i) + at('pos_embed.W_pos', p, i)));
  for (let l = 0; l < layers; l++) {
    const b = `blocks.${l}`;
    const x = resid.map((r) => ln(r, `${b}.ln1`));
    const proj = (w: string, p: number, h: number) =>
      Array.from({ length: dh }, (_, j) => x[p].reduce((s, v, i) => s + v * at(`${b}.attn.W_${w}`, h, i, j), 0) + at(`${b}.attn.b_${w}`, h, j));
    const attnOut = resid.map(() => Array.from({ length: d }, (_, k) => at(`${b}.attn.b_O`, k)));
    for (let h = 0; h < H; h++) {
      for (let q = 0; q < n; q++) {
        const qv = proj('Q', q, h);
        const scores = Array.from({ length: n }, (_, k) => {
          const masked = cfg.attention_dir === 'causal' && !at(`${b}.attn.mask`, q, k);
          return masked ? (at(`${b}.attn.IGNORE`) as number) : proj('K', k, h).reduce((s, v, j) => s + v * qv[j], 0) / Math.sqrt(dh);
        });
        const max = Math.max(...scores);
        const e = scores.map((s) => Math.exp(s - max));
        const sum = e.reduce((s, v) => s + v, 0);
        const z = Array.from({ length: dh }, () => 0);
        for (let k = 0; k < n; k++) proj('V', k, h).forEach((v, j) => (z[j] += (e[k] / sum) * v));
        for (let m = 0; m < d; m++) attnOut[q][m] += z.reduce((s, v, j) => s + v * at(`${b}.attn.W_O`, h, j, m), 0);
      }
    }
    resid = resid.map((r, p) => r.map((v, i) => v + attnOut[p][i]));
    resid = resid.map((r) => {
      const y = ln(r, `${b}.ln2`);
      const hidden = Array.from({ length: dMlp }, (_, u) => Math.max(0, y.reduce((s, v, i) => s + v * at(`${b}.mlp.W_in`, i, u), 0) + at(`${b}.mlp.b_in`, u)));
      return r.map((v, m) => v + hidden.reduce((s, hv, u) => s + hv * at(`${b}.mlp.W_out`, u, m), 0) + at(`${b}.mlp.b_out`, m));
    });
  }
  const last = ln(resid[n - 1], 'ln_final');
  return Array.from({ length: vOut }, (_, o) => last.reduce((s, v, i) => s + v * at('unembed.W_U', i, o), 0) + at('unembed.b_U', o));
}

const cases: TransformerModel[] = [
  { name: 'transformer', layers: 1, dModel: 8, heads: 2, dMlp: 12, layerNorm: false, causal: true, initScale: 1 },
  { name: 'transformer', layers: 2, dModel: 12, heads: 3, dMlp: 10, layerNorm: true, causal: false, initScale: 1 },
];

describe.each(cases)('TransformerLens names (layers $layers, layerNorm $layerNorm, causal $causal)', (model) => {
  const data = modularData({ name: 'modular', p: 7, operation: 'add', trainFraction: 0.5, splitSeed: 0 });
  const net = buildModel(model, { input: data.input, outputs: data.outputs });
  // Every parameter random (gains and biases too), so a misplaced one cannot hide.
  const params: Record<string, Float64Array> = Object.fromEntries(
    Object.entries(net.shapes).map(([name, shape], i) => [
      name,
      normal(
        foldIn(key(5), i),
        shape.reduce((a, b) => a * b, 1),
        'float64',
      ) as Float64Array,
    ]),
  );
  const tl = toTransformerLens(params, model, net.shapes);
  const cfg = transformerLensConfig(model, 8, 3, 7);

  it("has HookedTransformer's names and shapes", () => {
    const dh = model.dModel / model.heads;
    expect(tl['embed.W_E'].shape).toEqual([8, model.dModel]);
    expect(tl['pos_embed.W_pos'].shape).toEqual([3, model.dModel]);
    expect(tl['blocks.0.attn.W_Q'].shape).toEqual([model.heads, model.dModel, dh]);
    expect(tl['blocks.0.attn.W_O'].shape).toEqual([model.heads, dh, model.dModel]);
    expect(tl['blocks.0.attn.b_K'].shape).toEqual([model.heads, dh]);
    expect(tl['blocks.0.mlp.W_in'].shape).toEqual([model.dModel, model.dMlp]);
    expect(tl['unembed.W_U'].shape).toEqual([model.dModel, 7]);
    expect(tl['blocks.0.attn.mask']).toMatchObject({ dtype: 'BOOL', shape: [3, 3], data: Uint8Array.from([1, 0, 0, 1, 1, 0, 1, 1, 1]) });
    expect('ln_final.w' in tl).toBe(model.layerNorm);
    expect(Object.keys(tl).filter((n) => n.startsWith(`blocks.${model.layers}.`))).toEqual([]);
  });

  it('computes the logits groklab computes', () => {
    const batch = data.train;
    const ours = T.noGrad(() => net.apply(Object.fromEntries(Object.entries(params).map(([n, a]) => [n, new T.Tensor(a, [...net.shapes[n]])])), batch)).data;
    for (const i of [0, 3, 11]) {
      const tokens = Array.from(batch.tokens!.subarray(i * 3, i * 3 + 3));
      const theirs = hookedTransformerLogits(tl, cfg, tokens);
      theirs.forEach((v, o) => expect(v).toBeCloseTo(ours[i * 7 + o], 10));
    }
  });

  it("round-trips to groklab's parameters bit for bit", () => {
    const back = fromTransformerLens(tl, model);
    expect(Object.keys(back).sort()).toEqual(Object.keys(params).sort());
    for (const [name, a] of Object.entries(params)) expect(Buffer.from((back[name] as Floats).buffer)).toEqual(Buffer.from(a.buffer));
    const withBias = { ...tl, 'blocks.0.attn.b_Q': { ...tl['blocks.0.attn.b_Q'], data: Float64Array.from(tl['blocks.0.attn.b_Q'].data).fill(1) } };
    expect(() => fromTransformerLens(withBias, model)).toThrow(/blocks.0.attn.b_Q is not zero/);
  });
});
