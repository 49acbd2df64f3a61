// Every paper groklab reproduces: its presets (`groklab presets`, `--preset`) and its
// reproductions (`groklab reproduce`). A paper is a folder of its own under src/papers/.
import { miller } from './miller/index.js';
import { nanda } from './nanda/index.js';
import { omnigrok } from './omnigrok/index.js';
import { power } from './power/index.js';
import type { Paper, Reproduction } from './reproduction.js';
import { tikeng } from './tikeng/index.js';

/** In the order `groklab presets` and `groklab reproduce` list them. */
export const PAPERS: readonly Paper[] = [power, nanda, tikeng, omnigrok, miller];

export { PRESETS, DEFAULT_PRESET } from './presets.js';

export const REPRODUCTIONS: readonly Reproduction[] = PAPERS.flatMap((p) => p.reproductions);

export function findReproduction(name: string): Reproduction | undefined {
  return REPRODUCTIONS.find((r) => r.name === name);
}

export {
  writeReport,
  reportMarkdown,
  claim,
  check,
  reported,
  notChecked,
  fullFormOnly,
  inPaperRange,
  withinSpread,
  formatMeasured,
  verdictText,
  wallText,
  reproductionStatus,
  type Comparison,
  type Report,
  type ReproductionStatus,
  type Verdict,
} from './report.js';
export { reproductionStatuses, statusTable, readFullReport, type StatusLine } from './status.js';
export type { Paper, Reproduction, ReproduceContext, ReproductionResult } from './reproduction.js';
export { runReproduction } from './runner.js';
