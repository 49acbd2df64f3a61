import type { Backend } from '../backend.js';
import { createWasmBackend } from './backend.js';
import { instantiateKernels } from './module.js';

let loaded: Backend | undefined;

/**
 * The wasm backend: build/kernels.wasm, compiled and instantiated once per process (or
 * worker) on first use. Throws, naming `npm run build:wasm`, if the module has not been built.
 */
export function loadWasmBackend(): Backend {
  loaded ??= createWasmBackend(instantiateKernels());
  return loaded;
}
