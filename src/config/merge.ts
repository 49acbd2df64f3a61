export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Recursive merge: objects merge key by key, anything else replaces. A registry entry whose
 * `name` changes (model mlp → transformer) is replaced whole, never mixed with the old fields.
 */
export function deepMerge(base: Json, diff: Json): Json {
  if (!isObject(base) || !isObject(diff)) return structuredClone(diff);
  if ('name' in diff && diff.name !== base.name) return structuredClone(diff);
  const out: JsonObject = structuredClone(base);
  for (const [k, v] of Object.entries(diff)) out[k] = k in out ? deepMerge(out[k], v) : structuredClone(v);
  return out;
}
