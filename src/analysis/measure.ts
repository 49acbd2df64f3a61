// A measure: a pure function of one snapshot's parameters and the task, with a zod schema for
// its options. The registry (registry.ts) holds them by name; `analyze` runs the chosen ones over
// every snapshot of a run.
import type { z } from 'zod';
import type { SnapshotView, Subject } from './subject.js';

export type Json = number | string | boolean | null | Json[] | { [key: string]: Json };

/** One figure panel of a measure's scalars: which of them it draws, and on what axis. */
export interface MeasurePanel {
  title: string;
  /** scalar names (see Measure.scalars) drawn in this panel */
  scalars: (names: readonly string[]) => string[];
  yLog?: boolean;
  /** fractions: a fixed [0, 1] axis */
  unit?: boolean;
}

export interface Measure<O = unknown, R = unknown> {
  name: string;
  /** one line: what it measures, and after whom */
  description: string;
  /** what it needs, named in the error when it is refused (e.g. "a modular task with a number embedding") */
  requires: string;
  /** its options, with defaults: the documentation, the CLI validation and the error messages */
  options: z.ZodType<O>;
  appliesTo(subject: Subject): boolean;
  /**
   * Computed once from the last snapshot before any other, for measures that follow what the
   * trained network ends up using (Nanda et al. fix the key frequencies of the trained model and
   * measure every checkpoint against them).
   */
  reference?(last: SnapshotView, options: O): R;
  /** The measure's values at one snapshot: plain JSON, one object per analysis.jsonl line. */
  compute(view: SnapshotView, options: O, reference: R): Record<string, Json>;
  /** The numbers among the values worth a curve over steps or a sweep column, by name. */
  scalars(values: Record<string, Json>): Record<string, number>;
  panels: MeasurePanel[];
}

/** A measure whose reference and options types are erased, as the registry holds it. */
// biome-ignore lint/suspicious/noExplicitAny: options and reference appear in argument positions, so only `any` accepts every measure's own types
export type AnyMeasure = Measure<any, any>;

/** Keeps a measure's own types while it is written, erases them for the registry. */
export const defineMeasure = <O, R>(m: Measure<O, R>): AnyMeasure => m as AnyMeasure;

/** Panels by explicit scalar names, or by a name prefix. */
export const named =
  (...wanted: string[]) =>
  (names: readonly string[]) =>
    names.filter((n) => wanted.includes(n));
export const prefixed = (prefix: string) => (names: readonly string[]) => names.filter((n) => n.startsWith(prefix));
