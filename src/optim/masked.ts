// optax.masked: run a transform on a subset of the parameters (e.g. decay only the matrices).
import type { FloatArray } from '../tensor/index.js';
import type { State, Transform } from './transform.js';

/** Selects parameters: a predicate, or a name → boolean table (missing names are not selected). */
export type Mask = ((name: string, array: FloatArray) => boolean) | Readonly<Record<string, boolean>>;

export type MaskedState = { inner: State };

/**
 * `inner` sees only the selected names, in its updates and its params; the other updates are
 * untouched. The selection is made by `init` from the parameters it is given, and kept by
 * this transform instance for its updates.
 */
export function masked(inner: Transform, mask: Mask): Transform<MaskedState> {
  let selected: string[] | null = null;
  // Filled in place every step, so an update costs a few property writes, not new objects.
  let subUpdates: Record<string, FloatArray> = {};
  let subParams: Record<string, FloatArray> = {};
  const isSelected = typeof mask === 'function' ? mask : (name: string) => mask[name] === true;
  return {
    init(params) {
      selected = Object.keys(params).filter((name) => isSelected(name, params[name]));
      subUpdates = {};
      subParams = Object.fromEntries(selected.map((name) => [name, params[name]]));
      return { inner: inner.init(subParams) };
    },
    update(updates, state, params) {
      if (selected === null) throw new Error('masked: update before init');
      for (let i = 0; i < selected.length; i++) {
        const name = selected[i];
        const u = updates[name];
        if (u === undefined) throw new Error(`masked: no update for selected parameter "${name}"`);
        subUpdates[name] = u;
        subParams[name] = params[name];
      }
      inner.update(subUpdates, state.inner, subParams);
    },
  };
}
