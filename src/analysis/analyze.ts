// A run's snapshots through the chosen measures: one line per snapshot, in step order. The
// measures' references (e.g. the key frequencies of the trained network) come from the last
// snapshot, computed before anything else so a bad option fails before any output.
import { UsageError } from '../errors.js';
import type { Json } from './measure.js';
import type { MeasureChoice } from './registry.js';
import { SnapshotView, type ParameterArrays, type Subject } from './subject.js';

/** Parameter snapshots by step: where they come from (the run store, memory) is the caller's. */
export interface SnapshotSource {
  /** ascending */
  steps: readonly number[];
  load(step: number): ParameterArrays;
}

/** One line of analysis.jsonl: the step, and each measure's values at it. */
export interface AnalysisLine {
  step: number;
  measures: Record<string, Record<string, Json>>;
}

export function analyze(
  subject: Subject,
  source: SnapshotSource,
  choices: readonly MeasureChoice[],
  onLine: (line: AnalysisLine) => void = () => {},
): AnalysisLine[] {
  if (source.steps.length === 0) throw new UsageError('run: it has no parameter snapshots to analyze');
  const lastStep = source.steps[source.steps.length - 1];
  const last = new SnapshotView(subject, lastStep, source.load(lastStep));
  const references = choices.map((c) => c.measure.reference?.(last, c.options));
  return source.steps.map((step) => {
    const view = step === lastStep ? last : new SnapshotView(subject, step, source.load(step));
    const measures: AnalysisLine['measures'] = {};
    choices.forEach((c, i) => (measures[c.measure.name] = c.measure.compute(view, c.options, references[i])));
    const line = { step, measures };
    onLine(line);
    return line;
  });
}

/** The scalar curves of analyzed lines, `measure.scalar` → points over steps, in first-seen order. */
export function scalarSeries(lines: readonly AnalysisLine[], choices: readonly MeasureChoice[]): Map<string, { step: number; value: number }[]> {
  const series = new Map<string, { step: number; value: number }[]>();
  for (const line of lines) {
    for (const { measure } of choices) {
      const values = line.measures[measure.name];
      if (!values) continue;
      for (const [name, value] of Object.entries(measure.scalars(values))) {
        const key = `${measure.name}.${name}`;
        if (!series.has(key)) series.set(key, []);
        series.get(key)!.push({ step: line.step, value });
      }
    }
  }
  return series;
}

export const toJsonl = (lines: readonly AnalysisLine[]): string => lines.map((l) => `${JSON.stringify(l)}\n`).join('');
