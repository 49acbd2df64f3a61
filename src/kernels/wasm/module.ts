// Finding, compiling and instantiating build/kernels.wasm, synchronously.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The exports of assembly/index.ts. Pointers are byte offsets (0 = none), flags 0 / 1. */
export interface KernelExports {
  readonly memory: LinearMemory;
  heapBase(): number;
  gemmF32: GemmKernel;
  gemmF64: GemmKernel;
  biasActivationF32: BiasKernel;
  biasActivationF64: BiasKernel;
  biasActivationBackwardF32: BiasBackwardKernel;
  biasActivationBackwardF64: BiasBackwardKernel;
  softmaxCrossEntropyF32: SoftmaxKernel;
  softmaxCrossEntropyF64: SoftmaxKernel;
  adamwF32: AdamWKernel;
  adamwF64: AdamWKernel;
}

export interface LinearMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export type GemmKernel = (
  transA: number,
  transB: number,
  m: number,
  n: number,
  k: number,
  a: number,
  b: number,
  c: number,
  accumulate: number,
  batch: number,
  strideA: number,
  strideB: number,
  strideC: number,
) => void;
export type BiasKernel = (x: number, bias: number, rows: number, cols: number, relu: number, out: number) => void;
export type BiasBackwardKernel = (out: number, gradOut: number, rows: number, cols: number, relu: number, gradIn: number, sums: number) => void;
export type SoftmaxKernel = (logits: number, labels: number, rows: number, cols: number, dlogits: number, scale: number) => number;
export type AdamWKernel = (
  param: number,
  grad: number,
  m: number,
  v: number,
  length: number,
  lr: number,
  beta1: number,
  beta2: number,
  eps: number,
  lrDecay: number,
  bc1: number,
  bc2: number,
) => void;

// The "dom" lib is not part of this project, so describe the two constructors we need.
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

// src/kernels/wasm/ (vitest runs the sources) and dist/kernels/wasm/ (tsc output) both sit
// three levels below the repository root, next to build/.
const WASM_URL = new URL('../../../build/kernels.wasm', import.meta.url);

/** Compile and instantiate build/kernels.wasm; throws a hint if it has not been built. */
export function instantiateKernels(): KernelExports {
  const path = fileURLToPath(WASM_URL);
  if (!existsSync(path)) throw new Error(`groklab: ${path} is missing; run \`npm run build:wasm\` first`);
  const module = new wasm.Module(readFileSync(path));
  return new wasm.Instance(module, {}).exports as KernelExports;
}
