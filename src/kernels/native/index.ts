import { requireAddon } from './addon.js';
import { createNativeBackend, type NativeBackend } from './backend.js';

export { ISA_DESCRIPTIONS, type NativeBackend } from './backend.js';
export { NativeAddonMissing } from './addon.js';

let loaded: NativeBackend | undefined;

/**
 * The native backend: build/Release/groklab.node, loaded once per process (or worker). Its
 * kernels follow the best instruction set cpuid reports, or GROKLAB_NATIVE_ISA=avx512|avx2|generic;
 * large GEMMs use GROKLAB_NATIVE_THREADS=1|2 threads (default 1). Throws NativeAddonMissing if
 * the addon was never built.
 */
export function loadNativeBackend(): NativeBackend {
  if (!loaded) {
    const backend = createNativeBackend(requireAddon());
    const { GROKLAB_NATIVE_ISA: isa, GROKLAB_NATIVE_THREADS: threads } = process.env;
    if (isa) backend.useIsa(isa);
    if (threads) {
      if (threads !== '1' && threads !== '2') throw new Error(`GROKLAB_NATIVE_THREADS=${JSON.stringify(threads)}: allowed 1, 2`);
      backend.useThreads(Number(threads));
    }
    loaded = backend;
  }
  return loaded;
}
