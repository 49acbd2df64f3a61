import type { Backend } from './backend.js';
import { jsBackend } from './js/index.js';
import { loadWasmBackend } from './wasm/index.js';

export type { Backend } from './backend.js';

export type BackendName = Backend['name'];
export const BACKEND_NAMES: readonly BackendName[] = ['js', 'wasm'];

export interface BackendChoice {
  backend: Backend;
  /** why this backend is in use, for `groklab info` and run metadata */
  reason: string;
}

/**
 * Chooses the backend once per process: GROKLAB_BACKEND=js|wasm, default wasm. An explicit
 * request that cannot be met is an error; the default falls back to js with a notice.
 */
export function chooseBackend(requested: string | undefined): BackendChoice {
  if (requested !== undefined && requested !== '' && !(BACKEND_NAMES as readonly string[]).includes(requested)) {
    throw new Error(`GROKLAB_BACKEND=${JSON.stringify(requested)} is not a backend; allowed: ${BACKEND_NAMES.join(', ')}`);
  }
  if (requested === 'js') return { backend: jsBackend, reason: 'GROKLAB_BACKEND=js' };
  try {
    return { backend: loadWasmBackend(), reason: requested === 'wasm' ? 'GROKLAB_BACKEND=wasm' : 'default' };
  } catch (error) {
    if (requested === 'wasm') throw error;
    const why = error instanceof Error ? error.message : String(error);
    process.stderr.write(`groklab: wasm backend unavailable (${why}); using the js reference backend\n`);
    return { backend: jsBackend, reason: `wasm unavailable: ${why}` };
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
