// Memory scopes: a training step allocates tens of megabytes of activations and gradients that
// are all dead when it ends. Left to the garbage collector, every step pays for fresh pages and
// several full collections; inside tidy() those buffers go back to a pool instead (the model of
// tfjs's tidy). Tensors whose memory was recycled are poisoned: reading them throws.
import type { DType, FloatArray } from './dtype.js';
import type { Tensor } from './tensor.js';

/** Arrays smaller than this are left to the garbage collector: pooling them costs more. */
const POOL_MIN_ELEMENTS = 4096;
/** Upper bound on idle pooled memory, so one large step does not pin memory forever. */
const POOL_MAX_BYTES = 1 << 30;

interface Scope {
  buffers: FloatArray[];
  tensors: Set<Tensor>;
  /** leaves from outside the scope whose .grad was set inside it */
  gradHolders: Set<Tensor>;
}

const scopes: Scope[] = [];
/** Idle buffers by dtype, then by length. */
const free = { float32: new Map<number, FloatArray[]>(), float64: new Map<number, FloatArray[]>() };
let pooledBytes = 0;

/** Zero-filled storage: recycled inside a scope, fresh outside. */
export function allocate(dtype: DType, size: number): FloatArray {
  return take(dtype, size, true);
}

/**
 * Storage whose contents are unspecified (a recycled buffer keeps its old values): only for
 * outputs that the caller overwrites element by element, where zero-filling is wasted work.
 */
export function allocateUninit(dtype: DType, size: number): FloatArray {
  return take(dtype, size, false);
}

function take(dtype: DType, size: number, zeroed: boolean): FloatArray {
  const scope = scopes[scopes.length - 1];
  if (!scope || size < POOL_MIN_ELEMENTS) return dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
  let buffer = free[dtype].get(size)?.pop();
  if (buffer) {
    pooledBytes -= buffer.byteLength;
    if (zeroed) buffer.fill(0);
  } else buffer = dtype === 'float32' ? new Float32Array(size) : new Float64Array(size);
  scope.buffers.push(buffer);
  return buffer;
}

/** Called by the Tensor constructor so the scope can poison what it recycles. */
export function trackTensor(t: Tensor): void {
  scopes[scopes.length - 1]?.tensors.add(t);
}

/** Called by backward() when it sets `.grad` on a leaf: grads of outside leaves must survive. */
export function trackGrad(leaf: Tensor): void {
  const scope = scopes[scopes.length - 1];
  if (scope) trackGradIn(scope, leaf);
}

/**
 * Runs `fn` and recycles every buffer it allocated, except those of the tensors it returns
 * (found in arrays and plain objects) and the `.grad` it set on tensors created before it.
 * NOTE: a raw `.data` array taken from a recycled tensor and kept outside will be overwritten;
 * keep the tensor (return it) instead. Allocate long-lived state outside any scope.
 */
export function tidy<T>(fn: () => T): T {
  const scope: Scope = { buffers: [], tensors: new Set(), gradHolders: new Set() };
  scopes.push(scope);
  let result: T | undefined;
  try {
    result = fn();
    return result;
  } finally {
    scopes.pop();
    const kept = new Set<ArrayBufferLike>();
    collectBuffers(result, kept, new Set());
    for (const leaf of scope.gradHolders) if (leaf.grad) kept.add(leaf.grad.data.buffer);
    const parent = scopes[scopes.length - 1];
    const released = new Set<ArrayBufferLike>();
    for (const buffer of scope.buffers) {
      if (kept.has(buffer.buffer)) parent?.buffers.push(buffer);
      else {
        released.add(buffer.buffer);
        recycle(buffer);
      }
    }
    for (const t of scope.tensors) {
      if (released.has(t.data.buffer)) t.release();
      else parent?.tensors.add(t);
    }
    if (parent) for (const leaf of scope.gradHolders) trackGradIn(parent, leaf);
  }
}

/**
 * Drops the idle pooled buffers (the garbage collector then frees them), so that a process that
 * goes on to other work — a sweep's child between two runs — does not pin what the last one used.
 */
export function releaseIdleBuffers(): void {
  free.float32.clear();
  free.float64.clear();
  pooledBytes = 0;
}

function trackGradIn(scope: Scope, leaf: Tensor): void {
  if (!scope.tensors.has(leaf)) scope.gradHolders.add(leaf);
}

function recycle(buffer: FloatArray): void {
  if (pooledBytes + buffer.byteLength > POOL_MAX_BYTES) return;
  const bySize = free[buffer instanceof Float32Array ? 'float32' : 'float64'];
  let list = bySize.get(buffer.length);
  if (!list) bySize.set(buffer.length, (list = []));
  list.push(buffer);
  pooledBytes += buffer.byteLength;
}

function collectBuffers(value: unknown, out: Set<ArrayBufferLike>, seen: Set<unknown>): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  if (isTensor(value)) {
    if (!value.released) out.add(value.data.buffer);
    if (value.grad) collectBuffers(value.grad, out, seen);
    return;
  }
  const items = Array.isArray(value) ? value : Object.getPrototypeOf(value) === Object.prototype ? Object.values(value) : [];
  for (const item of items) collectBuffers(item, out, seen);
}

function isTensor(value: object): value is Tensor {
  return 'release' in value && 'shape' in value && 'dtype' in value;
}
