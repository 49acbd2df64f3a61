// Counts the floating-point operations the tensor engine hands to GEMM, for the bench's
// GEMM-bound roofline: a step's GEMM FLOPs divided by the measured GEMM rate is the fastest the
// step could run if everything but its matrix products were free.
import type { Backend } from '../kernels/backend.js';
import { backend } from '../kernels/index.js';

/**
 * Wraps the process's backend so every GEMM adds 2·m·n·k·batch to a counter, and the LSTM time
 * loops the 2·rows·hidden·4·hidden of each step's product with W_hh (all steps but the first,
 * forward and backward); returns the reader.
 */
export function countGemmFlops(): { read(): number } {
  const chosen = backend() as { -readonly [K in keyof Backend]: Backend[K] };
  const { gemm, lstmForward, lstmBackward } = chosen;
  let flops = 0;
  const recurrent = (steps: number, rows: number, hidden: number) => 2 * Math.max(0, steps - 1) * rows * hidden * 4 * hidden;
  // NOTE: ops read `backend().gemm` (and the others) at each call, so replacing the properties
  // catches all of them; the backend object is the process's own and the bench child never
  // restores it.
  chosen.gemm = (args) => {
    flops += 2 * args.m * args.n * args.k * args.batch;
    gemm(args);
  };
  chosen.lstmForward = (acts, whh, steps, rows, hidden, cells, hs) => {
    flops += recurrent(steps, rows, hidden);
    lstmForward(acts, whh, steps, rows, hidden, cells, hs);
  };
  chosen.lstmBackward = (acts, cells, whh, dOut, steps, rows, hidden, dGates) => {
    flops += recurrent(steps, rows, hidden);
    lstmBackward(acts, cells, whh, dOut, steps, rows, hidden, dGates);
  };
  return { read: () => flops };
}
