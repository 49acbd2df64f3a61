// From a spec to the list of runs: each a point in parameter space, a training seed, a stable
// id and a fully validated config. Everything is checked here, before any run starts.
import { deepMerge, type Json } from '../config/merge.js';
import type { PresetTable } from '../config/defaults.js';
import { formatIssues } from '../config/validate.js';
import { runConfigSchema, type RunConfig } from '../config/schema.js';
import { foldIn, key, uniform } from '../random/index.js';
import { UsageError } from '../errors.js';
import type { ParameterSpec, SweepSpec } from './spec.js';

export interface SweepRun {
  /** stable across re-expansions of the same spec: the run directory's name */
  id: string;
  params: Record<string, unknown>;
  seed: number;
  config: RunConfig;
}

/** Grid values of one parameter. */
function gridValues(p: ParameterSpec): unknown[] {
  if ('values' in p) return p.values;
  if ('value' in p) return [p.value];
  const n = p.count!;
  if (n === 1) return [p.min];
  return Array.from({ length: n }, (_, i) => {
    const t = i / (n - 1);
    // Round to 12 significant digits so 0.1·3 prints as 0.3 in ids and tables.
    const v = p.scale === 'log' ? p.min * (p.max / p.min) ** t : p.min + t * (p.max - p.min);
    return Number(v.toPrecision(12));
  });
}

/** One random value of a parameter from a uniform draw u ∈ [0, 1). */
function sampleValue(p: ParameterSpec, u: number): unknown {
  if ('values' in p) return p.values[Math.min(p.values.length - 1, Math.floor(u * p.values.length))];
  if ('value' in p) return p.value;
  const v = p.scale === 'log' ? p.min * (p.max / p.min) ** u : p.min + u * (p.max - p.min);
  return Number(v.toPrecision(6));
}

function cartesian(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
}

/** The parameter points, in a deterministic order. */
export function parameterPoints(spec: SweepSpec): Record<string, unknown>[] {
  const paths = Object.keys(spec.parameters);
  if (spec.method === 'grid') {
    return cartesian(paths.map((p) => gridValues(spec.parameters[p]))).map((vs) => Object.fromEntries(paths.map((p, i) => [p, vs[i]])));
  }
  const root = key(spec.seed);
  return Array.from({ length: spec.count! }, (_, i) => {
    const u = uniform(foldIn(root, i), paths.length, 'float64');
    return Object.fromEntries(paths.map((p, j) => [p, sampleValue(spec.parameters[p], u[j])]));
  });
}

/** Short names for ids and plot axes: the last path segment, or the whole path if that is ambiguous. */
export function shortNames(paths: string[]): Record<string, string> {
  const last = (p: string) => p.split('.').pop()!;
  return Object.fromEntries(paths.map((p) => [p, paths.filter((q) => last(q) === last(p)).length > 1 ? p : last(p)]));
}

/** Whether a dotted path names a field; a numeric segment indexes an array (optimizer.transforms.0.beta). */
function pathExists(config: Json, path: string): boolean {
  let node: Json = config;
  for (const k of path.split('.')) {
    if (Array.isArray(node) && /^\d+$/.test(k) && Number(k) < node.length) node = node[Number(k)];
    else if (node === null || typeof node !== 'object' || Array.isArray(node) || !Object.hasOwn(node, k)) return false;
    else node = node[k];
  }
  return true;
}

function setPath(config: Json, path: string, value: unknown): Json {
  const diff = path.split('.').reduceRight<Json>((inner, k) => ({ [k]: inner }), value as Json);
  return deepMerge(config, diff);
}

/** The spec's preset (a name in `presets`) with its config merged over it. */
export function baseConfig(spec: SweepSpec, presets: PresetTable = {}): Json {
  if (spec.preset !== undefined && !(spec.preset in presets)) {
    throw new UsageError(`spec.preset: unknown preset "${spec.preset}"; allowed: ${Object.keys(presets).join(', ')}`);
  }
  const preset = (spec.preset ? presets[spec.preset].config : {}) as unknown as Json;
  return spec.config ? deepMerge(preset, spec.config as Json) : preset;
}

export function expandSweep(spec: SweepSpec, presets: PresetTable = {}): SweepRun[] {
  const base = baseConfig(spec, presets);
  const paths = Object.keys(spec.parameters);
  for (const path of paths) {
    if (!pathExists(base, path)) throw new UsageError(`spec.parameters: "${path}" is not a field of the base config`);
  }
  const names = shortNames(paths);
  const runs: SweepRun[] = [];
  for (const params of parameterPoints(spec)) {
    for (let seed = 0; seed < spec.seeds; seed++) {
      let config = base;
      for (const [path, value] of Object.entries(params)) config = setPath(config, path, value);
      config = setPath(config, 'training.seed', seed);
      const parsed = runConfigSchema.safeParse(config);
      const label = paths.map((p) => `${names[p]}=${JSON.stringify(params[p])}`).join(',');
      if (!parsed.success) throw new UsageError(formatIssues(parsed.error, `run ${label || 'base'} seed ${seed}: config`));
      const id = [...paths.map((p) => `${names[p]}=${formatValue(params[p])}`), `seed=${seed}`].join('_');
      runs.push({ id, params, seed, config: parsed.data });
    }
  }
  const ids = new Set(runs.map((r) => r.id));
  if (ids.size !== runs.length) throw new UsageError('spec.parameters: two runs would share a name (repeated values?)');
  return runs;
}

/** A value as a file-name-safe token. */
function formatValue(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.replace(/[^\w.+-]+/g, '-');
}
