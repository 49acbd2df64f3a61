// Entry point of the wasm kernels: concrete f32 / f64 exports of the generic kernels.
// Pointers are byte offsets into this module's memory (0 stands for "none"); the JS loader
// owns everything from heapBase() up.
import { gemm } from './gemm';
import { biasActivation, biasActivationBackward } from './bias';
import { softmaxCrossEntropy } from './softmax';
import { adamw } from './adamw';

/** First free byte after the static data (packing buffers included). */
export function heapBase(): usize {
  return __heap_base;
}

export function gemmF32(
  transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize,
  accumulate: bool, batch: i32, strideA: usize, strideB: usize, strideC: usize,
): void {
  gemm<f32>(transA, transB, m, n, k, a, b, c, accumulate, batch, strideA, strideB, strideC);
}

export function gemmF64(
  transA: bool, transB: bool, m: i32, n: i32, k: i32, a: usize, b: usize, c: usize,
  accumulate: bool, batch: i32, strideA: usize, strideB: usize, strideC: usize,
): void {
  gemm<f64>(transA, transB, m, n, k, a, b, c, accumulate, batch, strideA, strideB, strideC);
}

export function biasActivationF32(x: usize, bias: usize, rows: i32, cols: i32, relu: bool, out: usize): void {
  biasActivation<f32>(x, bias, rows, cols, relu, out);
}

export function biasActivationF64(x: usize, bias: usize, rows: i32, cols: i32, relu: bool, out: usize): void {
  biasActivation<f64>(x, bias, rows, cols, relu, out);
}

export function biasActivationBackwardF32(out: usize, gradOut: usize, rows: i32, cols: i32, relu: bool, gradIn: usize, sums: usize): void {
  biasActivationBackward<f32>(out, gradOut, rows, cols, relu, gradIn, sums);
}

export function biasActivationBackwardF64(out: usize, gradOut: usize, rows: i32, cols: i32, relu: bool, gradIn: usize, sums: usize): void {
  biasActivationBackward<f64>(out, gradOut, rows, cols, relu, gradIn, sums);
}

export function softmaxCrossEntropyF32(logits: usize, labels: usize, rows: i32, cols: i32, dlogits: usize, scale: f64): f64 {
  return softmaxCrossEntropy<f32>(logits, labels, rows, cols, dlogits, scale);
}

export function softmaxCrossEntropyF64(logits: usize, labels: usize, rows: i32, cols: i32, dlogits: usize, scale: f64): f64 {
  return softmaxCrossEntropy<f64>(logits, labels, rows, cols, dlogits, scale);
}

export function adamwF32(
  param: usize, grad: usize, m: usize, v: usize, length: i32,
  lr: f64, beta1: f64, beta2: f64, eps: f64, lrDecay: f64, bc1: f64, bc2: f64,
): void {
  adamw<f32>(param, grad, m, v, length, lr, beta1, beta2, eps, lrDecay, bc1, bc2);
}

export function adamwF64(
  param: usize, grad: usize, m: usize, v: usize, length: i32,
  lr: f64, beta1: f64, beta2: f64, eps: f64, lrDecay: f64, bc1: f64, bc2: f64,
): void {
  adamw<f64>(param, grad, m, v, length, lr, beta1, beta2, eps, lrDecay, bc1, bc2);
}
