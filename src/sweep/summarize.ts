// The sweep as tables: one row per run (its parameters, seed and summary), and one row per
// parameter point with the mean and 95 % interval of every number over its seeds.
import { meanInterval } from '../metrics/spread.js';
import { readSummary } from '../runs/summary.js';
import { readEndMeasures } from '../runs/end-measures.js';
import type { SweepDir } from './directory.js';

export type Cell = string | number | null;
export type Row = Record<string, Cell>;

const NUMBERS = ['t_mem', 't_gen', 'delay', 'ratio', 'steps', 'wall_s'] as const;

export function runRows(dir: SweepDir): Row[] {
  return dir.readIndex().map(({ id, params, seed }) => {
    const s = readSummary(dir.runPath(id));
    const row: Row = { id, ...(params as Record<string, Cell>), seed, status: s?.status ?? dir.state(id), outcome: s?.outcome ?? null };
    for (const k of NUMBERS) row[k] = s ? s[k] : null;
    for (const [k, v] of Object.entries(s ? s.final : {})) row[`final_${k}`] = v;
    // measures at the last snapshot (`sweep summarize --measures`), e.g. final_fourier.key_count
    for (const [k, v] of Object.entries(readEndMeasures(dir.runPath(id))?.scalars ?? {})) row[`final_${k}`] = v;
    return row;
  });
}

/** Rows grouped by parameter point, seeds pooled: outcome counts, then mean ± interval per number. */
export function groupRows(rows: Row[], paramPaths: string[]): Row[] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const k = JSON.stringify(paramPaths.map((p) => row[p]));
    groups.set(k, [...(groups.get(k) ?? []), row]);
  }
  const numeric = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => (NUMBERS as readonly string[]).includes(k) || k.startsWith('final_'));
  return [...groups.values()].map((members) => {
    const out: Row = Object.fromEntries(paramPaths.map((p) => [p, members[0][p]]));
    out.seeds = members.length;
    for (const outcome of ['no-learn', 'memorize', 'generalize', 'grok']) out[`n_${outcome}`] = members.filter((m) => m.outcome === outcome).length;
    for (const k of numeric) {
      const { mean, ci95, n } = meanInterval(members.map((m) => m[k]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)));
      Object.assign(out, { [`${k}_mean`]: mean, [`${k}_ci95`]: ci95, [`${k}_n`]: n });
    }
    return out;
  });
}

/** RFC 4180 CSV: every row's keys, in first-seen order; quoted where needed. */
export function toCsv(rows: Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: Cell | undefined) => {
    if (v === null || v === undefined) return '';
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\n')}\n`;
}
