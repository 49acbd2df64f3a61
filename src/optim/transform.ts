// Optimizers as composable gradient transformations, in the style of optax
// (github.com/google-deepmind/optax): every piece is {init, update}, and `chain` composes them.
import type { FloatArray } from '../tensor/index.js';

/** Named arrays: the parameters, or their updates (same names, same shapes). */
export type Arrays = Readonly<Record<string, FloatArray>>;

/**
 * Optimizer state: numbers and typed arrays, nested in plain objects, so a checkpoint can
 * serialize it and a resumed run continues bit-identically. Transforms mutate it in place.
 */
export interface State {
  [key: string]: number | FloatArray | State;
}

/** A hyper-parameter: a constant or a pure function of the 0-based step count. */
export type Schedule = (step: number) => number;
export type Hyper = number | Schedule | MemberHyper;

/**
 * One hyper-parameter per ensemble member, for arrays that hold E members as E equal
 * contiguous blocks (a leading ensemble axis): member e's block is updated with perMember[e].
 * This is what lets an α × β grid train as one pass over [E, n] instead of E optimizers.
 */
export interface MemberHyper {
  readonly perMember: readonly (number | Schedule)[];
}

export interface Transform<S extends State = State> {
  /** Fresh state for these parameters (allocated once, outside any tidy() scope). */
  init(params: Arrays): S;
  /**
   * Rewrites `updates` in place (the caller hands over the arrays: they start as the
   * gradients) given the current `params`, and advances `state` in place.
   */
  update(updates: Arrays, state: S, params: Arrays): void;
}
