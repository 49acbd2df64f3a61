// measures.json in a run directory: the scalars of `groklab analyze`'s measures at the run's
// last parameter snapshot, written by `groklab sweep summarize --measures`, so the sweep's tables
// and phase diagrams can use them like the final metrics.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from './files.js';

export const END_MEASURES_FILE = 'measures.json';

export interface EndMeasures {
  /** the snapshot measured */
  step: number;
  /** `measure.scalar` → value, e.g. "fourier.key_count": 5 */
  scalars: Record<string, number>;
}

export function writeEndMeasures(runPath: string, measures: EndMeasures): void {
  writeJsonAtomic(join(runPath, END_MEASURES_FILE), measures);
}

export function readEndMeasures(runPath: string): EndMeasures | null {
  const file = join(runPath, END_MEASURES_FILE);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as EndMeasures) : null;
}
