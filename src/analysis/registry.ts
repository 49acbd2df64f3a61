// Measures by name. `groklab analyze --measure NAME[:key=value,…]` picks them; each entry's zod
// schema validates its options and names what is allowed.
import type { z } from 'zod';
import { UsageError } from '../errors.js';
import type { AnyMeasure } from './measure.js';
import { fourierMeasure } from './measures/fourier.js';
import { pcaMeasure } from './measures/pca.js';
import { progressMeasure } from './measures/progress.js';
import { softmaxCollapseMeasure } from './measures/softmax-collapse.js';
import { weightsMeasure } from './measures/weights.js';
import type { Subject } from './subject.js';

export const MEASURES: Readonly<Record<string, AnyMeasure>> = Object.fromEntries(
  [fourierMeasure, progressMeasure, pcaMeasure, weightsMeasure, softmaxCollapseMeasure].map((m) => [m.name, m]),
);

/** A measure with its options parsed. */
export interface MeasureChoice {
  measure: AnyMeasure;
  options: unknown;
}

/**
 * `NAME` or `NAME:key=value,key=value` (a value is read as JSON when it parses, e.g. 4 or
 * [14,35]; otherwise as a string). Commas inside brackets belong to the value.
 */
export function parseMeasureArg(arg: string): { name: string; options: Record<string, unknown> } {
  const colon = arg.indexOf(':');
  const name = colon < 0 ? arg : arg.slice(0, colon);
  const options: Record<string, unknown> = {};
  if (colon < 0) return { name, options };
  let depth = 0;
  let start = colon + 1;
  const pairs: string[] = [];
  for (let i = start; i <= arg.length; i++) {
    const ch = arg[i];
    if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') depth--;
    if ((ch === ',' && depth === 0) || i === arg.length) {
      pairs.push(arg.slice(start, i));
      start = i + 1;
    }
  }
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--measure ${arg}: options are key=value pairs separated by commas, got "${pair}"`);
    const raw = pair.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // a bare word is a string
    }
    options[pair.slice(0, eq)] = value;
  }
  return { name, options };
}

/** The measures that apply to a subject, by name. */
export const applicableMeasures = (subject: Subject): string[] =>
  Object.values(MEASURES)
    .filter((m) => m.appliesTo(subject))
    .map((m) => m.name);

/**
 * Parses `--measure` arguments against a subject: an unknown name, a measure that does not apply
 * or a bad option is a UsageError naming the allowed values. No arguments: every measure that applies.
 */
export function chooseMeasures(args: readonly string[], subject: Subject, what: string): MeasureChoice[] {
  const applicable = applicableMeasures(subject);
  if (args.length === 0) return applicable.map((name) => ({ measure: MEASURES[name], options: MEASURES[name].options.parse({}) }));
  const seen = new Set<string>();
  return args.map((arg) => {
    const { name, options } = parseMeasureArg(arg);
    const measure = MEASURES[name];
    if (!measure) throw new UsageError(`--measure: unknown measure "${name}"; allowed: ${Object.keys(MEASURES).join(', ')}`);
    if (!measure.appliesTo(subject))
      throw new UsageError(`--measure: "${name}" needs ${measure.requires}, which ${what} is not; measures that apply: ${applicable.join(', ') || '(none)'}`);
    if (seen.has(name)) throw new UsageError(`--measure: "${name}" is given twice`);
    seen.add(name);
    const parsed = (measure.options as z.ZodType).safeParse(options);
    if (!parsed.success) {
      const allowed = Object.keys((measure.options as z.ZodObject).shape);
      const issues = parsed.error.issues.map(
        (i) =>
          `${[name, ...i.path].join('.')}: ${i.code === 'unrecognized_keys' ? `unknown option ${i.keys.join(', ')}; allowed: ${allowed.join(', ') || '(none)'}` : i.message}`,
      );
      throw new UsageError(`--measure ${issues.join('; ')}`);
    }
    return { measure, options: parsed.data };
  });
}
