// One named paper figure reproduced end to end: it trains what it needs under `out`, draws the
// figures and returns the comparisons; the runner times it and writes the report.
import type { PresetTable } from '../config/defaults.js';
import type { Comparison } from './report.js';

export interface ReproduceContext {
  /** the reduced version that still shows the phenomenon, in under a minute */
  quick: boolean;
  /** the reproduction's directory (exists); write run directories and plots inside it */
  out: string;
  /** one line of progress for the user (stderr) */
  log(message: string): void;
  /** a user-supplied data file (`--data`), for reproductions whose data cannot ship (IMDb) */
  data?: string;
}

export interface ReproductionResult {
  comparisons: Comparison[];
  /** PNG paths relative to `out` (an SVG beside each) */
  plots: string[];
  /** run directories relative to `out` */
  runs?: string[];
  notes?: string[];
}

export interface Reproduction {
  /** e.g. tikeng-fig3-sparse-l1 */
  name: string;
  title: string;
  /** paper, figure/section, e.g. "Tikeng Notsawo et al. 2025, Fig. 3 (§1 of src/papers/tikeng/README.md)" */
  source: string;
  run(ctx: ReproduceContext): Promise<ReproductionResult>;
}

/** One paper's folder: the presets of its setups and its reproductions. */
export interface Paper {
  presets: PresetTable;
  reproductions: readonly Reproduction[];
}
