// Counts the floating-point operations the tensor engine hands to GEMM, for the bench's
// GEMM-bound roofline: a step's GEMM FLOPs divided by the measured GEMM rate is the fastest the
// step could run if everything but its matrix products were free.
import type { GemmArgs } from '../kernels/backend.js';
import { backend } from '../kernels/index.js';

/** Wraps the process's backend so every GEMM adds 2·m·n·k·batch to a counter; returns the reader. */
export function countGemmFlops(): { read(): number } {
  const chosen = backend();
  const gemm = chosen.gemm;
  let flops = 0;
  // NOTE: ops read `backend().gemm` at each call, so replacing the property catches all of them;
  // the backend object is the process's own and the bench child never restores it.
  (chosen as { gemm: (args: GemmArgs) => void }).gemm = (args) => {
    flops += 2 * args.m * args.n * args.k * args.batch;
    gemm(args);
  };
  return { read: () => flops };
}
