export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const isIndexPatch = (base: Json, diff: Json): diff is JsonObject =>
  Array.isArray(base) && isObject(diff) && Object.keys(diff).every((k) => /^\d+$/.test(k) && Number(k) < base.length);

/**
 * Recursive merge: objects merge key by key, anything else replaces. A registry entry whose
 * `name` changes (model mlp → transformer) is replaced whole, never mixed with the old fields.
 * An object of indices patches an array's elements: {transforms: {1: {lr: 0.05}}} (what the
 * path optimizer.transforms.1.lr of --set and sweeps becomes).
 */
export function deepMerge(base: Json, diff: Json): Json {
  if (isIndexPatch(base, diff)) {
    const out = structuredClone(base) as Json[];
    for (const [k, v] of Object.entries(diff)) out[Number(k)] = deepMerge(out[Number(k)], v);
    return out;
  }
  if (!isObject(base) || !isObject(diff)) return structuredClone(diff);
  if ('name' in diff && diff.name !== base.name) return structuredClone(diff);
  const out: JsonObject = structuredClone(base);
  for (const [k, v] of Object.entries(diff)) out[k] = k in out ? deepMerge(out[k], v) : structuredClone(v);
  return out;
}
