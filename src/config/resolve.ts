// From what the user typed to a validated RunConfig: preset (or DEFAULTS) ← config file ←
// --set key.path=value overrides ← --steps/--seed. Every error names the field.
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { deepMerge, type Json } from './merge.js';
import { DEFAULTS, type PresetTable } from './defaults.js';
import type { RunConfig } from './schema.js';
import { validateConfig } from './validate.js';

/** Keys that reach an object's prototype rather than a config field. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The dotted path of the first forbidden key inside a parsed JSON value, or null. */
function forbiddenKeyPath(value: Json, at: string[] = []): string | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const [k, v] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(k)) return [...at, k].join('.');
    const inner = forbiddenKeyPath(v, [...at, k]);
    if (inner) return inner;
  }
  return null;
}

/** `a.b.c=value`: the value is JSON when it parses as JSON (numbers, true, [..]) and a string otherwise. */
export function applySet(config: Json, assignment: string): Json {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set: expected key.path=value, got "${assignment}"`);
  const path = assignment.slice(0, eq).split('.');
  const bad = path.find((k) => FORBIDDEN_KEYS.has(k) || k === '');
  if (bad !== undefined) {
    throw new UsageError(
      `--set ${assignment.slice(0, eq)}: ${bad === '' ? 'an empty key' : `"${bad}" is not a config field`}; a path names fields, e.g. optimizer.weightDecay`,
    );
  }
  const raw = assignment.slice(eq + 1);
  let value: Json;
  try {
    value = JSON.parse(raw) as Json;
  } catch {
    value = raw;
  }
  const inside = forbiddenKeyPath(value);
  if (inside) throw new UsageError(`--set ${assignment.slice(0, eq)}: the value holds "${inside}", which is not a config field`);
  const diff = path.reduceRight<Json>((inner, k) => ({ [k]: inner }), value);
  // NOTE: objects merge, so switching a registry entry (model.name=…) needs its other fields
  // too: a config file says that more clearly than many --set flags.
  return deepMerge(config, diff);
}

export interface ResolveOptions {
  /** a name in `presets` */
  preset?: string;
  /** what `preset` may name (the papers' presets); none by default */
  presets?: PresetTable;
  configFile?: string;
  sets?: string[];
  steps?: number;
  seed?: number;
}

export function resolveConfig(opts: ResolveOptions): { config: RunConfig; preset: string | null } {
  const presets = opts.presets ?? {};
  const presetName = opts.preset ?? null;
  if (presetName !== null && !(presetName in presets)) {
    throw new UsageError(`--preset: unknown preset "${presetName}"; allowed: ${Object.keys(presets).join(', ')}`);
  }
  let config: Json = presetName ? (presets[presetName].config as unknown as Json) : opts.configFile ? {} : (DEFAULTS as unknown as Json);
  if (opts.configFile) {
    let text: string;
    try {
      text = readFileSync(opts.configFile, 'utf8');
    } catch {
      throw new UsageError(`--config: cannot read ${opts.configFile}`);
    }
    let parsed: Json;
    try {
      parsed = JSON.parse(text) as Json;
    } catch (error) {
      throw new UsageError(`--config: ${opts.configFile} is not valid JSON (${(error as Error).message})`);
    }
    const bad = forbiddenKeyPath(parsed);
    if (bad) throw new UsageError(`--config: ${opts.configFile}: "${bad}" is not a config field`);
    config = presetName ? deepMerge(config, parsed) : parsed;
  }
  for (const s of opts.sets ?? []) config = applySet(config, s);
  if (opts.steps !== undefined) config = deepMerge(config, { training: { steps: opts.steps } });
  if (opts.seed !== undefined) config = deepMerge(config, { training: { seed: opts.seed } });
  return { config: validateConfig(config), preset: presetName };
}
