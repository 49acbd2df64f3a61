// The report.json of a reproduction: written by the papers layer, read by the dashboard. No Node
// imports, so the browser client can share it too.

/**
 * reproduced: the data agree with the paper within the tolerance; contradicted: they do not
 * ("not reproduced: the data show …"); not checked: the check was not made (quick form, too few
 * values for a spread), with the reason; reported: shown beside the paper, nothing to judge.
 */
export const VERDICTS = ['reproduced', 'contradicted', 'not checked', 'reported'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** A reproduction as a whole: every judged check reproduced, some, none; or no full-form report. */
export const REPRODUCTION_STATUSES = ['reproduced', 'partial', 'contradicted', 'not run'] as const;
export type ReproductionStatus = (typeof REPRODUCTION_STATUSES)[number];

export interface Comparison {
  /** what is measured, e.g. "t₂ (steps)" or "exponent of β in the final error" */
  quantity: string;
  /** the paper's value as stated, e.g. "≈ 1e5", "−1", "0.92"; "—" when it gives none */
  paper: string;
  /** ours; null = not reached (never a made-up number) */
  measured: number | string | null;
  /** the rule it is judged by, with the spread it comes from */
  tolerance: string;
  verdict: Verdict;
  /** contradicted: what the data show instead of the paper's claim; not checked: why */
  note?: string;
}

export interface Report {
  name: string;
  title: string;
  /** the paper and the figure or section reproduced */
  source: string;
  quick: boolean;
  status: ReproductionStatus;
  /** the command that reproduces this report */
  command: string;
  /** when the invocation that finished the report started */
  started: string;
  /** wall-clock seconds, summed over the invocations that built the report (an interrupted one resumes) */
  wall_s: number;
  /** how many invocations that was (absent in reports written before it was counted: read as 1) */
  invocations?: number;
  backend: string;
  comparisons: Comparison[];
  /** figures, relative to the report's directory (PNG; an SVG sits beside each) */
  plots: string[];
  /** run directories written, relative to the report's directory */
  runs: string[];
  /** what was set differently from the paper and why, what was noticed */
  notes: string[];
}

/** A check that was judged on data: reproduced or contradicted. */
export const isJudged = (c: Comparison): boolean => c.verdict === 'reproduced' || c.verdict === 'contradicted';

/** reproduced: every judged check reproduced; contradicted: none; partial: some; not run: none judged. */
export function reproductionStatus(comparisons: readonly Comparison[]): ReproductionStatus {
  const judged = comparisons.filter(isJudged);
  if (judged.length === 0) return 'not run';
  const held = judged.filter((c) => c.verdict === 'reproduced').length;
  return held === judged.length ? 'reproduced' : held === 0 ? 'contradicted' : 'partial';
}
