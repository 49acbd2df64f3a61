// Where each reproduction stands: the status of its last full-form report under an output
// directory (<root>/<name>/report.json, the default place `groklab reproduce <name>` writes),
// "not run" where there is none. Quick reports never count: they are not the paper's setup.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPRODUCTION_STATUSES, verdictText, type Report, type ReproductionStatus } from './report.js';
import { durationText } from '../sweep/progress.js';
import type { Reproduction } from './reproduction.js';

export interface StatusLine {
  name: string;
  title: string;
  status: ReproductionStatus;
  /** the full report read, if any */
  report: Report | null;
}

/** The full-form report in `dir`, or null (none, a quick one, or one written before statuses existed). */
export function readFullReport(dir: string): Report | null {
  const file = join(dir, 'report.json');
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8')) as Partial<Report>;
  if (report.quick !== false || !REPRODUCTION_STATUSES.includes(report.status as ReproductionStatus)) return null;
  return report as Report;
}

export function reproductionStatuses(reproductions: readonly Reproduction[], root: string): StatusLine[] {
  return reproductions.map((r) => {
    const report = readFullReport(join(root, r.name));
    return { name: r.name, title: r.title, status: report?.status ?? 'not run', report };
  });
}

/** The docs' table: one row per reproduction, its status and what its data contradict. */
export function statusTable(lines: readonly StatusLine[]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = lines.map((l) => {
    const contradicted = (l.report?.comparisons ?? [])
      .filter((c) => c.verdict === 'contradicted')
      .map((c) => `${c.quantity}: ${verdictText(c).replace(/\*\*/g, '')}`);
    const when = l.report ? `${l.report.started.slice(0, 10)}, ${durationText(l.report.wall_s)}${legsText(l.report.invocations)}` : '—';
    return `| \`${l.name}\` | ${l.status} | ${cell(contradicted.join('; ') || '—')} | ${when} |`;
  });
  return ['| reproduction | status | not reproduced | full run (date, wall time) |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

const legsText = (invocations = 1) => (invocations > 1 ? ` in ${invocations} legs` : '');
