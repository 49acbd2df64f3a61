// A reproduction's verdict: each measured quantity beside the paper's value, the tolerance it is
// judged by, and whether it is within it; written as report.json (for machines) and report.md
// (for people, with the figures inline).
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../runs/files.js';
import type { Comparison, Report } from '../runs/report-file.js';

export type { Comparison, Report } from '../runs/report-file.js';

export function writeReport(dir: string, report: Report): void {
  writeJsonAtomic(join(dir, 'report.json'), report);
  writeFileAtomic(join(dir, 'report.md'), reportMarkdown(report));
}

export function reportMarkdown(r: Report): string {
  const judged = r.comparisons.filter((c) => c.within !== null);
  const met = judged.filter((c) => c.within).length;
  const lines = [
    `# ${r.title}${r.quick ? ' (quick)' : ''}`,
    '',
    `Source: ${r.source}  `,
    `Command: \`${r.command}\`  `,
    `Ran ${r.started} on the ${r.backend} backend in ${r.wall_s.toFixed(1)} s; ${met} of ${judged.length} judged quantities within tolerance.`,
    '',
    '| quantity | paper | groklab | tolerance | within |',
    '| --- | --- | --- | --- | --- |',
    ...r.comparisons.map((c) => `| ${c.quantity} | ${c.paper} | ${formatMeasured(c.measured)} | ${c.tolerance} | ${c.within === null ? '—' : c.within ? 'yes' : '**no**'} |`),
    '',
    ...r.plots.flatMap((p) => [`![${p}](${p})`, '']),
    ...(r.notes.length ? ['## Notes', '', ...r.notes.map((n) => `- ${n}`), ''] : []),
    ...(r.runs.length ? ['## Runs', '', ...r.runs.map((d) => `- \`${d}\``), ''] : []),
  ];
  return `${lines.join('\n')}\n`;
}

export function formatMeasured(v: number | string | null): string {
  if (v === null) return 'not reached';
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? v.toExponential(2) : v.toPrecision(3);
}

/** A number compared with the paper's within a multiplicative factor (e.g. ×2 either way). */
export function withinFactor(quantity: string, paper: number, measured: number | null, factor: number, paperText = `≈ ${formatMeasured(paper)}`): Comparison {
  const within = measured !== null && measured > 0 && paper > 0 && Math.max(measured / paper, paper / measured) <= factor;
  return { quantity, paper: paperText, measured, tolerance: `within ×${factor}`, within };
}

/** A number compared with the paper's within an absolute tolerance. */
export function withinAbs(quantity: string, paper: number, measured: number | null, tol: number, paperText = formatMeasured(paper)): Comparison {
  return { quantity, paper: paperText, measured, tolerance: `± ${tol}`, within: measured !== null && Math.abs(measured - paper) <= tol };
}

/** A qualitative claim checked by a boolean. */
export function claim(quantity: string, paper: string, holds: boolean, measured: string): Comparison {
  return { quantity, paper, measured, tolerance: 'qualitative', within: holds };
}
