// The small decoder-only transformer of Nanda et al. 2023 ("Progress measures for grokking via
// mechanistic interpretability"): token + position embeddings, `layers` blocks of multi-head
// attention and a ReLU MLP on the residual stream, optional LayerNorm, read out at the last
// position. Initialization follows their code: every matrix N(0, 1/d_model), the unembedding
// N(0, 1/d_vocab), biases 0, LayerNorm gains 1.
import { z } from 'zod';
import { foldIn, initialize, type Key } from '../random/index.js';
import { required, type Examples } from '../tasks/dataset.js';
import * as T from '../tensor/index.js';
import { tokenInput, type Model, type ModelContext, type Params } from './model.js';

export const transformerSchema = z
  .object({
    name: z.literal('transformer'),
    layers: z.number().int().min(1).max(8).describe('transformer blocks (Nanda et al.: 1; Power et al.: 2)'),
    dModel: z.number().int().min(1).describe('width of the residual stream'),
    heads: z.number().int().min(1).describe('attention heads; must divide dModel'),
    dMlp: z.number().int().min(1).describe("hidden width of each block's MLP"),
    layerNorm: z.boolean().describe('LayerNorm before attention, before the MLP and before the unembedding'),
    causal: z.boolean().describe('causal attention mask'),
    initScale: z.number().positive().describe('Omnigrok α: every parameter is multiplied by it after the default init'),
  })
  .strict()
  .refine((c) => c.dModel % c.heads === 0, { path: ['heads'], message: 'must divide dModel' });
export type TransformerConfig = z.infer<typeof transformerSchema>;

export function transformer(config: TransformerConfig, ctx: ModelContext): Model {
  const { dModel: d, dMlp, heads, layers } = config;
  const { vocab, sequenceLength } = tokenInput(ctx, 'transformer');
  const shapes: Record<string, number[]> = { embed: [vocab, d], pos: [sequenceLength, d] };
  for (let l = 0; l < layers; l++) {
    if (config.layerNorm) Object.assign(shapes, { [`l${l}.ln1.g`]: [d], [`l${l}.ln1.b`]: [d] });
    Object.assign(shapes, { [`l${l}.wq`]: [d, d], [`l${l}.wk`]: [d, d], [`l${l}.wv`]: [d, d], [`l${l}.wo`]: [d, d] });
    if (config.layerNorm) Object.assign(shapes, { [`l${l}.ln2.g`]: [d], [`l${l}.ln2.b`]: [d] });
    Object.assign(shapes, { [`l${l}.win`]: [d, dMlp], [`l${l}.bin`]: [dMlp], [`l${l}.wout`]: [dMlp, d], [`l${l}.bout`]: [d] });
  }
  if (config.layerNorm) Object.assign(shapes, { 'lnf.g': [d], 'lnf.b': [d] });
  shapes.unembed = [d, ctx.outputs];

  function init(key: Key, dtype: T.DType): Params {
    const params: Params = {};
    Object.entries(shapes).forEach(([name, shape], i) => {
      const spec = name.endsWith('.g')
        ? ({ name: 'constant', value: 1 } as const)
        : shape.length === 1
          ? ({ name: 'constant', value: 0 } as const)
          : ({ name: 'normal', std: 1 / Math.sqrt(name === 'unembed' ? vocab : d) } as const);
      params[name] = new T.Tensor(initialize(foldIn(key, i), spec, { shape, dtype, fanIn: shape[0] }), shape);
    });
    return params;
  }

  // Row pos·vocab + tok of the first block's input table (with LayerNorm): token and position.
  const inputTable = {
    tokens: Int32Array.from({ length: sequenceLength * vocab }, (_, r) => r % vocab),
    positions: Int32Array.from({ length: sequenceLength * vocab }, (_, r) => Math.floor(r / vocab)),
  };

  function apply(params: Params, batch: Examples): T.Tensor {
    if (config.causal && layers > 1 && sequenceLength > 1) return applyCausal(params, batch);
    const n = batch.count;
    const t = sequenceLength;
    const tokens = required(batch, 'tokens', 'transformer');
    const lastTokens = Int32Array.from({ length: n }, (_, i) => tokens[i * t + t - 1]);
    const norm = (x: T.Tensor, prefix: string) => (config.layerNorm ? T.layerNorm(x, params[`${prefix}.g`], params[`${prefix}.b`]) : x);
    // The embedded stream E[tok] + P[pos], at every position or at the last one only.
    const embed = (table: T.Tensor, pos: T.Tensor, lastOnly: boolean) =>
      lastOnly ? T.add(T.embedding(table, lastTokens, [n, 1]), T.slice(pos, 0, t - 1, t)) : T.add(T.embedding(table, tokens, [n, t]), pos);
    // The first block reads its input E[tok] + P[pos] only through its projections, so it can
    // project tables instead of batch·T rows and gather. Without LayerNorm they are linear in
    // the embeddings: (E[tok] + P[pos])·W = (E·W)[tok] + (P·W)[pos], tables of vocab + T rows.
    // With LayerNorm, LN(E[tok] + P[pos]) is one of vocab·T rows, normalized and projected once.
    let normalizedInputs: T.Tensor | null = null;
    const inputRows = (lastOnly: boolean) => {
      const rows = new Int32Array(lastOnly ? n : n * t);
      if (lastOnly) for (let i = 0; i < n; i++) rows[i] = (t - 1) * vocab + lastTokens[i];
      else for (let i = 0; i < n * t; i++) rows[i] = (i % t) * vocab + tokens[i];
      return rows;
    };
    const projected = (w: T.Tensor, lastOnly: boolean) => {
      if (!config.layerNorm) return embed(T.matmul(params.embed, w), T.matmul(params.pos, w), lastOnly);
      normalizedInputs ??= norm(T.add(T.embedding(params.embed, inputTable.tokens), T.embedding(params.pos, inputTable.positions)), 'l0.ln1');
      return T.embedding(T.matmul(normalizedInputs, w), inputRows(lastOnly), [n, lastOnly ? 1 : t]);
    };
    // Only the last position is read out, so the last block computes nothing else; a single
    // block needs the stream itself at the last position only.
    let x = embed(params.embed, params.pos, layers === 1);
    for (let l = 0; l < layers; l++) {
      const p = (name: string) => params[`l${l}.${name}`];
      const lastQueryOnly = l === layers - 1;
      const attended =
        l === 0
          ? T.matmul(T.attendHeads(projected(p('wq'), lastQueryOnly), projected(p('wk'), false), projected(p('wv'), false), heads, config.causal), p('wo'))
          : T.causalSelfAttention(norm(x, `l${l}.ln1`), { wq: p('wq'), wk: p('wk'), wv: p('wv'), wo: p('wo') }, heads, {
              causal: config.causal,
              lastQueryOnly,
            });
      x = T.add(lastQueryOnly && x.shape[1] === t ? T.slice(x, 1, t - 1, t) : x, attended);
      const hidden = T.linear(norm(x, `l${l}.ln2`), p('win'), p('bin'), 'relu');
      x = T.add(x, T.linear(hidden, p('wout'), p('bout')));
    }
    return T.matmul(T.reshape(norm(x, 'lnf'), [n, d]), params.unembed);
  }

  /**
   * The same function when attention is causal and there are several blocks: position 0 then
   * attends to itself only, so in every block its stream is a function of the first token alone.
   * It runs once per vocabulary row (`head`, [vocab, 1, d]) and is gathered where the other
   * positions (`rest`, [batch, T − 1, d]) read its keys and values; the blocks' MLPs and output
   * projections skip a T-th of the rows. The first block projects the table of its inputs, as
   * in apply().
   */
  function applyCausal(params: Params, batch: Examples): T.Tensor {
    const n = batch.count;
    const t = sequenceLength;
    const tokens = required(batch, 'tokens', 'transformer');
    const norm = (x: T.Tensor, prefix: string) => (config.layerNorm ? T.layerNorm(x, params[`${prefix}.g`], params[`${prefix}.b`]) : x);
    // The first token; the tokens at positions 1 … T − 1 and their rows in the input table
    // (pos·vocab + tok); the table's rows at every position.
    const first = new Int32Array(n);
    const restTokens = new Int32Array(n * (t - 1));
    const restRows = new Int32Array(n * (t - 1));
    const allRows = new Int32Array(n * t);
    for (let i = 0; i < n; i++) {
      first[i] = tokens[i * t];
      for (let s = 0; s < t; s++) allRows[i * t + s] = s * vocab + tokens[i * t + s];
      for (let s = 1; s < t; s++) {
        restTokens[i * (t - 1) + s - 1] = tokens[i * t + s];
        restRows[i * (t - 1) + s - 1] = s * vocab + tokens[i * t + s];
      }
    }
    const inputs = norm(T.add(T.embedding(params.embed, inputTable.tokens), T.embedding(params.pos, inputTable.positions)), 'l0.ln1');
    let head = T.reshape(T.add(params.embed, T.slice(params.pos, 0, 0, 1)), [vocab, 1, d]);
    let rest = T.add(T.embedding(params.embed, restTokens, [n, t - 1]), T.slice(params.pos, 0, 1, t));
    const mlp = (x: T.Tensor, p: (name: string) => T.Tensor, l: number) =>
      T.add(x, T.linear(T.linear(norm(x, `l${l}.ln2`), p('win'), p('bin'), 'relu'), p('wout'), p('bout')));
    for (let l = 0; l < layers; l++) {
      const p = (name: string) => params[`l${l}.${name}`];
      const last = l === layers - 1;
      // Queries of the other positions (the last one only in the last block), keys and values
      // of every position; the head's attention output is its own value (one key, weight 1).
      let queries: T.Tensor;
      let keys: T.Tensor;
      let values: T.Tensor;
      let headValues: T.Tensor;
      if (l === 0) {
        const [tq, tk, tv] = [p('wq'), p('wk'), p('wv')].map((w) => T.matmul(inputs, w));
        queries = T.embedding(tq, restRows, [n, t - 1]);
        keys = T.embedding(tk, allRows, [n, t]);
        values = T.embedding(tv, allRows, [n, t]);
        headValues = T.slice(tv, 0, 0, vocab);
      } else {
        const headNormed = T.reshape(norm(head, `l${l}.ln1`), [vocab, d]);
        const restNormed = norm(rest, `l${l}.ln1`);
        const everyPosition = (headProjected: T.Tensor, w: T.Tensor) => T.concat([T.embedding(headProjected, first, [n, 1]), T.matmul(restNormed, w)], 1);
        headValues = T.matmul(headNormed, p('wv'));
        queries = T.matmul(last ? T.slice(restNormed, 1, t - 2, t - 1) : restNormed, p('wq'));
        keys = everyPosition(T.matmul(headNormed, p('wk')), p('wk'));
        values = everyPosition(headValues, p('wv'));
      }
      rest = T.add(last ? T.slice(rest, 1, t - 2, t - 1) : rest, T.matmul(T.attendHeads(queries, keys, values, heads, true), p('wo')));
      rest = mlp(rest, p, l);
      if (!last) head = mlp(T.add(head, T.reshape(T.matmul(headValues, p('wo')), [vocab, 1, d])), p, l);
    }
    return T.matmul(T.reshape(norm(rest, 'lnf'), [n, d]), params.unembed);
  }

  return { shapes, init, apply };
}
