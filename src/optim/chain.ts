// optax.chain: apply transforms in order, each rewriting the updates the previous one left.
import type { State, Transform } from './transform.js';

/** One child state per position: `{ 0: state of the first transform, 1: …, … }`. */
export type ChainState = { [position: string]: State };

export function chain(...transforms: Transform[]): Transform<ChainState> {
  return {
    init(params) {
      const state: ChainState = {};
      transforms.forEach((t, i) => (state[i] = t.init(params)));
      return state;
    },
    update(updates, state, params) {
      for (let i = 0; i < transforms.length; i++) transforms[i].update(updates, state[i], params);
    },
  };
}
