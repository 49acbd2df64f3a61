import { backward } from './autograd.js';
import { dtypeOf, isDType, type DType, type FloatArray } from './dtype.js';
import { allocate, trackTensor } from './memory.js';
import { TensorError, fmtShape } from './errors.js';
import { checkShape, sizeOf, type Shape } from './shape.js';

/** How a tensor was computed: its inputs and the map from its gradient to theirs. */
export interface GradNode {
  readonly op: string;
  readonly inputs: readonly Tensor[];
  /** Gradients w.r.t. each input (null where an input needs none), given the output's. */
  readonly backward: (gradOut: Tensor) => readonly (Tensor | null)[];
}

/**
 * A dense row-major array of Float32 or Float64 with a shape. The data may be a view into a
 * larger buffer (reshape and leading-axis slices share memory). Ops never mutate their inputs.
 */
export class Tensor {
  #data: FloatArray;
  #released = false;
  readonly shape: Shape;
  readonly dtype: DType;
  /** Leaves with requiresGrad receive `.grad` from backward(). */
  requiresGrad: boolean;
  grad: Tensor | null = null;
  /** Set on op outputs while a graph is being recorded; cleared by backward(). */
  node: GradNode | null = null;

  constructor(data: FloatArray, shape: Shape, requiresGrad = false) {
    checkShape('tensor', shape);
    if (data.length !== sizeOf(shape)) throw new TensorError('tensor', `data has ${data.length} elements but shape ${fmtShape(shape)} needs ${sizeOf(shape)}`);
    this.#data = data;
    this.shape = Object.freeze([...shape]);
    this.dtype = dtypeOf(data);
    this.requiresGrad = requiresGrad;
    trackTensor(this);
  }

  /** The elements, row-major. Throws once a tidy() scope has recycled this tensor's memory. */
  get data(): FloatArray {
    if (this.#released) throw new TensorError('data', `${this} was released when its tidy() scope ended; return it from the scope to keep it`);
    return this.#data;
  }

  get released(): boolean {
    return this.#released;
  }

  /** Marks the memory as recycled (see memory.ts); only tidy() calls this. */
  release(): void {
    this.#released = true;
    this.node = null;
    this.grad = null;
  }

  get size(): number {
    return this.data.length;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** The single value of a one-element tensor. */
  item(): number {
    if (this.size !== 1) throw new TensorError('item', `tensor of shape ${fmtShape(this.shape)} has ${this.size} elements, not 1`);
    return this.data[0];
  }

  toArray(): number[] {
    return Array.from(this.data);
  }

  /** Reverse-mode differentiation from this scalar (or from `seed`, a gradient of this shape). */
  backward(seed?: Tensor): void {
    backward(this, seed);
  }

  /** A leaf sharing this tensor's data, cut from the graph. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  toString(): string {
    return `Tensor(${this.dtype}, ${fmtShape(this.shape)}${this.#released ? ', released' : ''})`;
  }
}

export interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

function resolveDType(op: string, dtype: unknown): DType {
  if (dtype === undefined) return 'float32';
  if (!isDType(dtype)) throw new TensorError(op, `unknown dtype ${JSON.stringify(dtype)}; allowed: "float32", "float64"`);
  return dtype;
}

/** A tensor from numbers (copied) or a typed array (shared), with an explicit shape. */
export function tensor(values: ArrayLike<number>, shape: Shape = [values.length], opts: TensorOptions = {}): Tensor {
  let data: FloatArray;
  if ((values instanceof Float32Array || values instanceof Float64Array) && opts.dtype === undefined) data = values;
  else {
    data = allocate(resolveDType('tensor', opts.dtype), values.length);
    data.set(values);
  }
  return new Tensor(data, shape, opts.requiresGrad ?? false);
}

export function full(shape: Shape, value: number, opts: TensorOptions = {}): Tensor {
  checkShape('full', shape);
  const data = allocate(resolveDType('full', opts.dtype), sizeOf(shape));
  if (value !== 0) data.fill(value);
  return new Tensor(data, shape, opts.requiresGrad ?? false);
}

export const zeros = (shape: Shape, opts: TensorOptions = {}): Tensor => full(shape, 0, opts);
export const ones = (shape: Shape, opts: TensorOptions = {}): Tensor => full(shape, 1, opts);

export function scalar(value: number, dtype: DType = 'float32'): Tensor {
  return full([], value, { dtype });
}

/** A tensor of this shape and dtype wrapping fresh zeroed storage. */
export function emptyLike(shape: Shape, dtype: DType): Tensor {
  return new Tensor(allocate(dtype, sizeOf(shape)), shape);
}
