import type { Activation, AdamWArgs, Backend, FloatArray, GemmArgs } from '../backend.js';
import type { IsaName, NativeAddon } from './addon.js';

export interface NativeBackend extends Backend {
  readonly name: 'native';
  /** The kernel table in use. */
  isa(): IsaName;
  /** The tables this CPU can run, best first ('generic' is always there). */
  supportedIsas(): IsaName[];
  /** Switches kernel tables (tests, benchmarks); throws if this CPU cannot run `name`. */
  useIsa(name: string): void;
  /**
   * Lets large GEMMs split C between this thread and a helper (2) or not (1); returns the
   * count in effect. Results are bit-identical either way.
   */
  useThreads(threads: number): number;
}

export const ISA_DESCRIPTIONS: Record<IsaName, string> = {
  avx512: 'AVX-512 kernels',
  avx2: 'AVX2+FMA kernels',
  generic: 'portable C++ kernels',
};

/**
 * The Backend over the addon. Unlike wasm nothing is copied: the kernels read and write the
 * typed arrays in place, and the addon checks every length before it touches memory.
 */
export function createNativeBackend(addon: NativeAddon): NativeBackend {
  function gemm({ transA, transB, m, n, k, a, b, c, accumulate, batch, strideA, strideB, strideC }: GemmArgs): void {
    addon.gemm(transA, transB, m, n, k, accumulate, batch, strideA, strideB, strideC, a, b, c);
  }

  function biasActivation(x: FloatArray, bias: FloatArray | null, rows: number, cols: number, act: Activation, out: FloatArray): void {
    addon.biasActivation(rows, cols, act === 'relu', x, bias, out);
  }

  function biasActivationBackward(out: FloatArray, gradOut: FloatArray, rows: number, cols: number, act: Activation, gradIn: FloatArray, gradBias: FloatArray | null): void {
    // The bias gradient is summed in f64, as in the reference, then rounded once.
    const sums = gradBias ? new Float64Array(cols) : null;
    addon.biasActivationBackward(rows, cols, act === 'relu', out, gradOut, gradIn, sums);
    if (gradBias) gradBias.set(sums!);
  }

  function softmaxCrossEntropy(logits: FloatArray, labels: Int32Array, rows: number, cols: number, dlogits: FloatArray | null, scale: number): number {
    return addon.softmaxCrossEntropy(rows, cols, scale, logits, labels, dlogits);
  }

  function adamw(param: FloatArray, grad: FloatArray, m: FloatArray, v: FloatArray, s: AdamWArgs): void {
    // Same scalar prologue as the reference, so both backends start from identical constants.
    const bc1 = 1 - Math.pow(s.beta1, s.step);
    const bc2 = 1 - Math.pow(s.beta2, s.step);
    addon.adamw(s.lr, s.beta1, s.beta2, s.eps, s.lr * s.weightDecay, bc1, bc2, param, grad, m, v);
  }

  function useIsa(name: string): void {
    if (!addon.selectIsa(name)) throw new Error(`native backend: this CPU cannot run the ${JSON.stringify(name)} kernels; it can run ${addon.supportedIsas().join(', ')}`);
  }

  return {
    name: 'native', gemm, biasActivation, biasActivationBackward, softmaxCrossEntropy, adamw,
    isa: () => addon.isa(), supportedIsas: () => addon.supportedIsas(), useIsa, useThreads: (threads) => addon.setThreads(threads),
  };
}
