import type { Backend } from './backend.js';
import { jsBackend } from './js/index.js';
import { ISA_DESCRIPTIONS, NativeAddonMissing, loadNativeBackend, type NativeBackend } from './native/index.js';
import { loadWasmBackend } from './wasm/index.js';

export type { Backend } from './backend.js';

export type BackendName = Backend['name'];
export const BACKEND_NAMES: readonly BackendName[] = ['js', 'wasm', 'native'];

export interface BackendChoice {
  backend: Backend;
  /** why this backend is in use, for `groklab info` and run metadata */
  reason: string;
}

/** How the compiled backends are loaded; tests substitute failing loaders. */
export interface BackendLoaders {
  native: () => NativeBackend;
  wasm: () => Backend;
}

const LOADERS: BackendLoaders = { native: loadNativeBackend, wasm: loadWasmBackend };

const describe = (native: NativeBackend) => ISA_DESCRIPTIONS[native.isa()];
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Chooses the backend once per process: GROKLAB_BACKEND=native|wasm|js; by default native
 * when its addon loads, else wasm, else js. An explicit request that cannot be met is an
 * error. Falling back is quiet when the addon was simply never built (the install said so
 * and the reason says so again); anything unexpected is a one-line notice on stderr.
 */
export function chooseBackend(requested: string | undefined, loaders: BackendLoaders = LOADERS): BackendChoice {
  if (requested !== undefined && requested !== '' && !(BACKEND_NAMES as readonly string[]).includes(requested)) {
    throw new Error(`GROKLAB_BACKEND=${JSON.stringify(requested)} is not a backend; allowed: ${BACKEND_NAMES.join(', ')}`);
  }
  if (requested === 'js') return { backend: jsBackend, reason: 'GROKLAB_BACKEND=js' };
  if (requested === 'wasm') return { backend: loaders.wasm(), reason: 'GROKLAB_BACKEND=wasm' };
  if (requested === 'native') {
    const native = loaders.native();
    return { backend: native, reason: `GROKLAB_BACKEND=native (${describe(native)})` };
  }
  let why: string;
  try {
    const native = loaders.native();
    return { backend: native, reason: `default: native addon loaded (${describe(native)})` };
  } catch (error) {
    why = messageOf(error);
    if (!(error instanceof NativeAddonMissing)) process.stderr.write(`groklab: ${why}; using wasm\n`);
  }
  try {
    return { backend: loaders.wasm(), reason: `${why}; using wasm` };
  } catch (error) {
    const wasmWhy = messageOf(error);
    process.stderr.write(`groklab: wasm backend unavailable (${wasmWhy}); using the js reference backend\n`);
    return { backend: jsBackend, reason: `${why}; wasm unavailable: ${wasmWhy}; using js` };
  }
}

let chosen: BackendChoice | null = null;

export function backendChoice(): BackendChoice {
  chosen ??= chooseBackend(process.env.GROKLAB_BACKEND);
  return chosen;
}

/** The process-wide backend. */
export function backend(): Backend {
  return backendChoice().backend;
}
