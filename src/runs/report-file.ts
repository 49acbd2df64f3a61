// The report.json of a reproduction: written by the papers layer, read by the dashboard. Types
// only, so the browser client can share them.

export interface Comparison {
  /** what is measured, e.g. "t₂ (steps)" or "slope of log t₂ vs log αβ" */
  quantity: string;
  /** the paper's value as stated, e.g. "≈ 1e5", "−1", "0.92"; "—" when it gives none */
  paper: string;
  /** ours; null = not reached (never a made-up number) */
  measured: number | string | null;
  /** the rule it is judged by, e.g. "within ×2", "≥ 0.9", "qualitative: test lags train" */
  tolerance: string;
  /** null when there is nothing to judge (the paper gives no number) */
  within: boolean | null;
}

export interface Report {
  name: string;
  title: string;
  /** the paper and the figure or section reproduced */
  source: string;
  quick: boolean;
  /** the command that reproduces this report */
  command: string;
  started: string;
  wall_s: number;
  backend: string;
  comparisons: Comparison[];
  /** figures, relative to the report's directory (PNG; an SVG sits beside each) */
  plots: string[];
  /** run directories written, relative to the report's directory */
  runs: string[];
  /** what was set differently from the paper and why, what was noticed */
  notes: string[];
}
