// Norms of a model's named parameters, as tracked by Tikeng Notsawo et al. (2025, arXiv
// 2506.05718): ℓ0, ℓ1, ℓ2 of all weights and the sum of the nuclear norms of weight matrices.
// NOTE: every sum accumulates in Float64 (JS numbers), also for Float32 parameters.
import { nuclearNorm, type FloatArray } from '../tensor/index.js';

export type Params = Readonly<Record<string, FloatArray>>;
export type Shapes = Readonly<Record<string, readonly number[]>>;

function fold(a: FloatArray, f: (w: number) => number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += f(a[i]);
  return s;
}
const count = (a: FloatArray, threshold: number) => fold(a, (w) => (Math.abs(w) > threshold ? 1 : 0));
const absSum = (a: FloatArray) => fold(a, Math.abs);
const squares = (a: FloatArray) => fold(a, (w) => w * w);
const total = (params: Params, f: (a: FloatArray) => number) => Object.values(params).reduce((s, a) => s + f(a), 0);

/** Number of weights with |w| > threshold (Tikeng et al. use 1e-4 for networks). */
export const l0 = (params: Params, threshold = 0): number => total(params, (a) => count(a, threshold));
/** Σ|w| over all parameters. */
export const l1 = (params: Params): number => total(params, absSum);
/** Σw² over all parameters. */
export const sumOfSquares = (params: Params): number => total(params, squares);
/** Euclidean norm of all parameters concatenated: √Σw². */
export const l2 = (params: Params): number => Math.sqrt(sumOfSquares(params));

/**
 * Nuclear norm ‖W‖_* of one parameter if its shape has rank 2, else null. NaN when the matrix
 * holds a non-finite value (its singular values are undefined). Throws if the shape's size
 * disagrees with the data.
 */
export function matrixNuclear(name: string, data: FloatArray, shape: readonly number[]): number | null {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== data.length) throw new RangeError(`parameter ${name}: shape [${shape.join(', ')}] needs ${size} values, data has ${data.length}`);
  if (shape.length !== 2) return null;
  if (fold(data, (w) => (Number.isFinite(w) ? 0 : 1)) > 0) return NaN;
  return nuclearNorm({ data: data instanceof Float64Array ? data : Float64Array.from(data), shape });
}

/** Σ ‖W‖_* over the rank-2 parameters; other ranks are ignored. Every parameter needs a shape. */
export function nuclear(params: Params, shapes: Shapes): number {
  let s = 0;
  for (const [name, data] of Object.entries(params)) s += matrixNuclear(name, data, shapeOf(name, shapes)) ?? 0;
  return s;
}

function shapeOf(name: string, shapes: Shapes): readonly number[] {
  const shape = shapes[name];
  if (!shape) throw new RangeError(`no shape for parameter ${name}; shapes given for: ${Object.keys(shapes).join(', ') || '(none)'}`);
  return shape;
}

export interface ParameterNorms {
  l0: number;
  l1: number;
  /** Frobenius norm of this parameter */
  l2: number;
  /** null for parameters that are not matrices, or when no shapes were given */
  nuclear: number | null;
}

/** The same norms per parameter, e.g. to see which layer's norm rises while the model generalizes. */
export function parameterNorms(params: Params, shapes?: Shapes, l0Threshold = 0): Record<string, ParameterNorms> {
  const out: Record<string, ParameterNorms> = {};
  for (const [name, a] of Object.entries(params)) {
    const nuc = shapes ? matrixNuclear(name, a, shapeOf(name, shapes)) : null;
    out[name] = { l0: count(a, l0Threshold), l1: absSum(a), l2: Math.sqrt(squares(a)), nuclear: nuc };
  }
  return out;
}
