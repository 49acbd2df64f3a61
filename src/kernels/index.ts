import type { Backend } from './backend.js';
import { jsBackend } from './js/index.js';

export type { Backend } from './backend.js';

let active: Backend = jsBackend;

/** The process-wide backend. */
export function backend(): Backend {
  return active;
}
