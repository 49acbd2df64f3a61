// groklab's transformer under TransformerLens's names and shapes, so a HookedTransformer built
// from the matching config loads the weights with load_state_dict. groklab stores each
// projection as one [d_model, heads·d_head] matrix (y = x·W, head h in columns h·d_head …),
// TransformerLens one [d_model, d_head] matrix per head: W_Q[h][i][j] = wq[i][h·d_head + j].
// W_O [heads, d_head, d_model] is wo [heads·d_head, d_model] read as is. The biases groklab's
// attention and unembedding lack are zeros; the mask and IGNORE buffers TransformerLens keeps in
// its state dict are included so a strict load succeeds.
import type { RunConfig } from '../config/schema.js';
import type { NamedTensor, TensorData } from './safetensors.js';

export type TransformerModel = Extract<RunConfig['model'], { name: 'transformer' }>;
type Floats = Float32Array | Float64Array;

/** The HookedTransformerConfig fields that describe the same network. */
export function transformerLensConfig(model: TransformerModel, vocab: number, context: number, outputs: number): Record<string, unknown> {
  return {
    n_layers: model.layers,
    d_model: model.dModel,
    n_heads: model.heads,
    d_head: model.dModel / model.heads,
    d_mlp: model.dMlp,
    d_vocab: vocab,
    d_vocab_out: outputs,
    n_ctx: context,
    act_fn: 'relu',
    normalization_type: model.layerNorm ? 'LN' : null,
    attention_dir: model.causal ? 'causal' : 'bidirectional',
    eps: 1e-5,
  };
}

const like = (a: Floats, n: number): Floats => (a instanceof Float32Array ? new Float32Array(n) : new Float64Array(n));
const tensor = (data: Floats, shape: number[]): NamedTensor => ({ dtype: data instanceof Float32Array ? 'F32' : 'F64', shape, data });

/** [d, heads·dh] → [heads, d, dh] */
function splitHeads(w: Floats, d: number, heads: number, dh: number): Floats {
  const out = like(w, w.length);
  for (let h = 0; h < heads; h++) for (let i = 0; i < d; i++) for (let j = 0; j < dh; j++) out[(h * d + i) * dh + j] = w[i * heads * dh + h * dh + j];
  return out;
}

/** [heads, d, dh] → [d, heads·dh] */
function joinHeads(w: Floats, d: number, heads: number, dh: number): Floats {
  const out = like(w, w.length);
  for (let h = 0; h < heads; h++) for (let i = 0; i < d; i++) for (let j = 0; j < dh; j++) out[i * heads * dh + h * dh + j] = w[(h * d + i) * dh + j];
  return out;
}

/** groklab's transformer parameters (by their names) as a TransformerLens state dict. */
export function toTransformerLens(
  params: Readonly<Record<string, Floats>>,
  model: TransformerModel,
  shapes: Readonly<Record<string, readonly number[]>>,
): Record<string, NamedTensor> {
  const { dModel: d, heads, dMlp, layers } = model;
  const dh = d / heads;
  const [vocab] = shapes.embed;
  const [context] = shapes.pos;
  const outputs = shapes.unembed[1];
  const zeros = (n: number) => like(params.embed, n);
  const out: Record<string, NamedTensor> = {
    'embed.W_E': tensor(params.embed, [vocab, d]),
    'pos_embed.W_pos': tensor(params.pos, [context, d]),
  };
  const mask = new Uint8Array(context * context);
  for (let q = 0; q < context; q++) for (let k = 0; k <= q; k++) mask[q * context + k] = 1;
  for (let l = 0; l < layers; l++) {
    const p = (name: string) => params[`l${l}.${name}`];
    const b = `blocks.${l}`;
    if (model.layerNorm) Object.assign(out, { [`${b}.ln1.w`]: tensor(p('ln1.g'), [d]), [`${b}.ln1.b`]: tensor(p('ln1.b'), [d]) });
    for (const [tl, ours] of [
      ['Q', 'wq'],
      ['K', 'wk'],
      ['V', 'wv'],
    ] as const)
      out[`${b}.attn.W_${tl}`] = tensor(splitHeads(p(ours), d, heads, dh), [heads, d, dh]);
    out[`${b}.attn.W_O`] = tensor(p('wo'), [heads, dh, d]);
    for (const tl of ['Q', 'K', 'V']) out[`${b}.attn.b_${tl}`] = tensor(zeros(heads * dh), [heads, dh]);
    out[`${b}.attn.b_O`] = tensor(zeros(d), [d]);
    out[`${b}.attn.mask`] = { dtype: 'BOOL', shape: [context, context], data: mask };
    out[`${b}.attn.IGNORE`] = { dtype: 'F32', shape: [], data: Float32Array.of(-Infinity) };
    if (model.layerNorm) Object.assign(out, { [`${b}.ln2.w`]: tensor(p('ln2.g'), [d]), [`${b}.ln2.b`]: tensor(p('ln2.b'), [d]) });
    Object.assign(out, {
      [`${b}.mlp.W_in`]: tensor(p('win'), [d, dMlp]),
      [`${b}.mlp.b_in`]: tensor(p('bin'), [dMlp]),
      [`${b}.mlp.W_out`]: tensor(p('wout'), [dMlp, d]),
      [`${b}.mlp.b_out`]: tensor(p('bout'), [d]),
    });
  }
  if (model.layerNorm) Object.assign(out, { 'ln_final.w': tensor(params['lnf.g'], [d]), 'ln_final.b': tensor(params['lnf.b'], [d]) });
  out['unembed.W_U'] = tensor(params.unembed, [d, outputs]);
  out['unembed.b_U'] = tensor(zeros(outputs), [outputs]);
  return out;
}

/**
 * The inverse: a TransformerLens state dict back to groklab's parameters. Biases groklab's
 * transformer does not have must be zero (a state dict with them cannot be represented).
 */
export function fromTransformerLens(tensors: Readonly<Record<string, { data: TensorData }>>, model: TransformerModel): Record<string, Floats> {
  const { dModel: d, heads, layers } = model;
  const dh = d / heads;
  const get = (name: string): Floats => {
    const t = tensors[name];
    if (!t || t.data instanceof Uint8Array) throw new Error(`TransformerLens state dict: no float tensor ${name}`);
    return t.data;
  };
  const mustBeZero = (name: string) => {
    if (get(name).some((v) => v !== 0)) throw new Error(`TransformerLens state dict: ${name} is not zero; groklab's transformer has no such bias`);
  };
  const params: Record<string, Floats> = { embed: get('embed.W_E'), pos: get('pos_embed.W_pos') };
  for (let l = 0; l < layers; l++) {
    const b = `blocks.${l}`;
    const set = (name: string, data: Floats) => (params[`l${l}.${name}`] = data);
    if (model.layerNorm) set('ln1.g', get(`${b}.ln1.w`)), set('ln1.b', get(`${b}.ln1.b`));
    set('wq', joinHeads(get(`${b}.attn.W_Q`), d, heads, dh));
    set('wk', joinHeads(get(`${b}.attn.W_K`), d, heads, dh));
    set('wv', joinHeads(get(`${b}.attn.W_V`), d, heads, dh));
    set('wo', get(`${b}.attn.W_O`));
    for (const bias of ['b_Q', 'b_K', 'b_V', 'b_O']) mustBeZero(`${b}.attn.${bias}`);
    if (model.layerNorm) set('ln2.g', get(`${b}.ln2.w`)), set('ln2.b', get(`${b}.ln2.b`));
    set('win', get(`${b}.mlp.W_in`));
    set('bin', get(`${b}.mlp.b_in`));
    set('wout', get(`${b}.mlp.W_out`));
    set('bout', get(`${b}.mlp.b_out`));
  }
  if (model.layerNorm) Object.assign(params, { 'lnf.g': get('ln_final.w'), 'lnf.b': get('ln_final.b') });
  params.unembed = get('unembed.W_U');
  mustBeZero('unembed.b_U');
  return params;
}
