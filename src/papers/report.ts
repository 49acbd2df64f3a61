// A reproduction's verdict: each measured quantity beside the paper's value, the rule it is
// judged by, and its verdict; written as report.json (for machines) and report.md (for people,
// with the figures inline). One rule for every report: a check is reproduced only on data it
// measured, a quick form may leave a check "not checked" but never pass it, and tolerances come
// from the paper's own stated ranges or from the spread the report measures (mean ± 95 % CI over
// seeds or problem draws), never from a factor chosen after seeing the result.
import { join } from 'node:path';
import { meanInterval } from '../metrics/spread.js';
import { writeFileAtomic, writeJsonAtomic } from '../runs/files.js';
import { isJudged, type Comparison, type Report } from '../runs/report-file.js';

export {
  isJudged,
  REPRODUCTION_STATUSES,
  reproductionStatus,
  VERDICTS,
  type Comparison,
  type Report,
  type ReproductionStatus,
  type Verdict,
} from '../runs/report-file.js';

export function writeReport(dir: string, report: Report): void {
  writeJsonAtomic(join(dir, 'report.json'), report);
  writeFileAtomic(join(dir, 'report.md'), reportMarkdown(report));
}

/** The verdict column of report.md and of the CLI's summary. */
export function verdictText(c: Comparison): string {
  if (c.verdict === 'reproduced') return 'reproduced';
  if (c.verdict === 'contradicted') return `**not reproduced**: the data show ${c.note ?? formatMeasured(c.measured)}`;
  if (c.verdict === 'not checked') return c.note ?? 'not checked';
  return '—';
}

export function reportMarkdown(r: Report): string {
  const judged = r.comparisons.filter(isJudged);
  const held = judged.filter((c) => c.verdict === 'reproduced').length;
  const skipped = r.comparisons.filter((c) => c.verdict === 'not checked').length;
  const lines = [
    `# ${r.title}${r.quick ? ' (quick)' : ''}`,
    '',
    `Source: ${r.source}  `,
    `Command: \`${r.command}\`  `,
    `Ran on the ${r.backend} backend, the last invocation from ${r.started}; ${wallText(r)}.  `,
    `**${r.quick ? "Quick form (not the paper's setup): " : ''}${r.status}** — ${held} of ${judged.length} judged checks reproduced${skipped ? `, ${skipped} not checked` : ''}.`,
    '',
    '| quantity | paper | groklab | tolerance | verdict |',
    '| --- | --- | --- | --- | --- |',
    ...r.comparisons.map((c) => `| ${c.quantity} | ${c.paper} | ${formatMeasured(c.measured)} | ${c.tolerance} | ${verdictText(c)} |`),
    '',
    ...r.plots.flatMap((p) => [`![${p}](${p})`, '']),
    ...(r.notes.length ? ['## Notes', '', ...r.notes.map((n) => `- ${n}`), ''] : []),
    ...(r.runs.length ? ['## Runs', '', ...r.runs.map((d) => `- \`${d}\``), ''] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/** How long the reproduction took: "12.3 s of wall time", with the invocations when it was resumed. */
export function wallText(r: Pick<Report, 'wall_s' | 'invocations'>): string {
  const legs = r.invocations ?? 1;
  return `${r.wall_s.toFixed(1)} s of wall time${legs > 1 ? ` over ${legs} invocations (resumed from checkpoints)` : ''}`;
}

export function formatMeasured(v: number | string | null): string {
  if (v === null) return 'not reached';
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(2) : v.toPrecision(3);
}

/** A check on measured data: reproduced if it holds, else contradicted (`shows`: what the data show instead, default the measured value). */
export function check(quantity: string, paper: string, measured: number | string | null, tolerance: string, holds: boolean, shows?: string): Comparison {
  return { quantity, paper, measured, tolerance, verdict: holds ? 'reproduced' : 'contradicted', ...(holds || shows === undefined ? {} : { note: shows }) };
}

/** A qualitative claim checked by a boolean. */
export function claim(quantity: string, paper: string, holds: boolean, measured: string, shows?: string): Comparison {
  return check(quantity, paper, measured, 'qualitative', holds, shows);
}

/** A number shown beside the paper's with nothing to judge (the paper gives none, or it is context). */
export function reported(quantity: string, paper: string, measured: number | string | null, tolerance = 'reported'): Comparison {
  return { quantity, paper, measured, tolerance, verdict: 'reported' };
}

/** The check left unjudged, with the reason; its measurement stays visible. */
export function notChecked(c: Comparison, why: string): Comparison {
  return { quantity: c.quantity, paper: c.paper, measured: c.measured, tolerance: c.tolerance, verdict: 'not checked', note: why };
}

/** In the quick form, a check on the paper's numbers is not checked (the quick problem is not the paper's). */
export function fullFormOnly(quick: boolean, c: Comparison, why = "the reduced problem is not the paper's"): Comparison {
  return quick ? notChecked(c, `not checked in quick form (${why})`) : c;
}

/** A number against the range the paper states (its own spread over seeds, or its stated interval). */
export function inPaperRange(quantity: string, paperText: string, [lo, hi]: readonly [number, number], measured: number | null): Comparison {
  const holds = measured !== null && measured >= lo && measured <= hi;
  return check(quantity, paperText, measured, `the paper's range ${formatMeasured(lo)}–${formatMeasured(hi)}`, holds);
}

/**
 * Our values over seeds or problem draws against the paper's value or range: reproduced when our
 * mean ± 95 % CI meets it. Fewer than two values give no spread: not checked.
 */
export function withinSpread(
  quantity: string,
  paperText: string,
  paper: number | readonly [number, number],
  values: readonly number[],
  what = 'seeds',
): Comparison {
  const { mean, ci95, n } = meanInterval(values);
  const [lo, hi] = typeof paper === 'number' ? [paper, paper] : paper;
  if (mean === null || ci95 === null) {
    return notChecked(
      { quantity, paper: paperText, measured: mean, tolerance: `mean ± 95 % CI over ${what}`, verdict: 'not checked' },
      `not checked: ${n} value${n === 1 ? '' : 's'}, no spread to judge by`,
    );
  }
  const measured = `${formatMeasured(mean)} ± ${formatMeasured(ci95)} (${n} ${what})`;
  return check(quantity, paperText, measured, `the paper's value within our mean ± 95 % CI over ${what}`, mean - ci95 <= hi && mean + ci95 >= lo);
}
