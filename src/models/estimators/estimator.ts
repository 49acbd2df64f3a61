// Models whose output is an estimate θ of an unknown vector or matrix (sparse recovery, matrix
// completion) rather than a function of inputs: θ = f(params). They train for 1e6–1e8 steps,
// so forward and backward are written by hand over a leading ensemble axis of E members (every
// array is [E, …]), and checked against the autograd engine in the tests.
import { z } from 'zod';

export interface Estimator {
  /** parameter shapes of ONE member, by name, in a fixed order */
  readonly shapes: Readonly<Record<string, readonly number[]>>;
  /** elements of θ per member */
  readonly size: number;
  /** set when θ is this parameter itself (depth 1): callers may skip forward and backward */
  readonly identity?: string;
  /** initial values of one member's parameters, by name; `gaussian(n, i)` draws n standard normals from stream i */
  init(initScale: number, gaussian: (n: number, stream: number) => Float64Array): Record<string, Float64Array>;
  /** θ [E, size] from the parameters [E, …] */
  forward(params: Readonly<Record<string, Float64Array>>, members: number, theta: Float64Array): void;
  /** dL/dparams [E, …] (overwritten) from dL/dθ [E, size]; forward must have run on the same params */
  backward(params: Readonly<Record<string, Float64Array>>, members: number, gradTheta: Float64Array, grads: Record<string, Float64Array>): void;
}

export const estimatorInitSchema = z
  .enum(['ones', 'gaussian', 'identity'])
  .describe("initial factors: all ones × ζ (authors' code), ζ·N(0, 1/n) (paper), or ζ·I (matrices, §3.2)");
