// Parameter initializers, by name, so a run config can say { name: 'normal', std: 0.02 }.
// groklab stores a Linear weight as [in, out] (y = x·W): axis 0 is fan-in and the product of the
// other axes is fan-out. A bias or other rank-1 parameter has no fans of its own: pass its
// layer's fanIn (and fanOut) in the target, as PyTorch bounds a bias by its layer's fan-in.
import type { Key } from './key.js';
import { normal, uniform, type FloatArray, type FloatDType } from './sample.js';

export type InitSpec =
  | { name: 'pytorchDefaultLinear' }
  | { name: 'xavierUniform'; gain?: number }
  | { name: 'normal'; std: number }
  | { name: 'constant'; value: number }
  | { name: 'onesTimes'; zeta: number }
  | { name: 'embeddingDefault' };
export type InitName = InitSpec['name'];

export interface InitTarget {
  shape: readonly number[];
  dtype: FloatDType;
  fanIn?: number;
  fanOut?: number;
}

type Spec<N extends InitName> = Extract<InitSpec, { name: N }>;
interface Initializer<N extends InitName> {
  /** every option besides `name` (all numbers), and whether it must be given */
  readonly options: { readonly [O in Exclude<keyof Spec<N>, 'name'>]-?: 'required' | 'optional' };
  init(k: Key, target: InitTarget, spec: Spec<N>): FloatArray;
}

const size = (t: InitTarget): number => t.shape.reduce((a, b) => a * b, 1);

/** The fan from the target if given, else from a rank ≥ 2 shape [fanIn, ...fanOut]. */
function fan(t: InitTarget, which: 'fanIn' | 'fanOut'): number {
  const fromShape = t.shape.length < 2 ? NaN : which === 'fanIn' ? t.shape[0] : size(t) / t.shape[0];
  const v = t[which] ?? fromShape;
  if (!(Number.isSafeInteger(v) && v > 0)) {
    throw new RangeError(`${which} must be a positive integer, got ${v} for shape [${t.shape}] (pass target.${which} for rank < 2)`);
  }
  return v;
}

const filled = (t: InitTarget, v: number): FloatArray => (t.dtype === 'float32' ? new Float32Array(size(t)) : new Float64Array(size(t))).fill(v);

export const initializers: { readonly [N in InitName]: Initializer<N> } = {
  // PyTorch nn.Linear: kaiming_uniform(a = √5) has bound √3·√(2/(1+5))/√fanIn = 1/√fanIn; its bias uses the same bound
  pytorchDefaultLinear: {
    options: {},
    init: (k, t) => {
      const bound = 1 / Math.sqrt(fan(t, 'fanIn'));
      return uniform(k, size(t), t.dtype, -bound, bound);
    },
  },
  // Glorot & Bengio 2010: variance gain²·2/(fanIn + fanOut), between the forward (1/fanIn) and backward (1/fanOut) ideals
  xavierUniform: {
    options: { gain: 'optional' },
    init: (k, t, { gain = 1 }) => {
      const bound = gain * Math.sqrt(6 / (fan(t, 'fanIn') + fan(t, 'fanOut')));
      return uniform(k, size(t), t.dtype, -bound, bound);
    },
  },
  normal: { options: { std: 'required' }, init: (k, t, { std }) => normal(k, size(t), t.dtype, 0, std) },
  constant: { options: { value: 'required' }, init: (_k, t, { value }) => filled(t, value) },
  // all ones times ζ: the scale-controlled start of Tikeng Notsawo, Dumas & Rabusseau 2025
  // ("Grokking beyond the Euclidean norm of model parameters", ICML)
  onesTimes: { options: { zeta: 'required' }, init: (_k, t, { zeta }) => filled(t, zeta) },
  // PyTorch nn.Embedding: N(0, 1)
  embeddingDefault: { options: {}, init: (k, t) => normal(k, size(t), t.dtype) },
};

/** Runs the initializer `spec` names, after checking the spec (which may come from untyped JSON). */
export function initialize(k: Key, spec: InitSpec, target: InitTarget): FloatArray {
  const name: unknown = (spec as { name?: unknown } | null)?.name;
  const allowed = Object.keys(initializers).join(', ');
  if (typeof name !== 'string' || !Object.hasOwn(initializers, name)) {
    throw new Error(`unknown initializer ${JSON.stringify(name)}; allowed: ${allowed}`);
  }
  const options: Record<string, 'required' | 'optional'> = initializers[name as InitName].options;
  const given = spec as unknown as Record<string, unknown>;
  for (const opt of Object.keys(given)) {
    if (opt !== 'name' && !Object.hasOwn(options, opt)) {
      throw new Error(`initializer '${name}': unknown option '${opt}'; allowed: ${Object.keys(options).join(', ') || 'none'}`);
    }
  }
  for (const [opt, need] of Object.entries(options)) {
    const v = given[opt];
    if (v === undefined && need === 'required') throw new Error(`initializer '${name}': missing required option '${opt}'`);
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v))) {
      throw new Error(`initializer '${name}': option '${opt}' must be a finite number, got ${JSON.stringify(v)}`);
    }
  }
  if (!target.shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw new RangeError(`initializer '${name}': shape must be non-negative integers, got [${target.shape}]`);
  }
  if (target.dtype !== 'float32' && target.dtype !== 'float64') {
    throw new TypeError(`initializer '${name}': dtype must be 'float32' or 'float64', got ${JSON.stringify(target.dtype)}`);
  }
  const init = initializers[name as InitName].init as (k: Key, t: InitTarget, s: InitSpec) => FloatArray;
  return init(k, target, spec);
}
