// Runs a reproduction's quick form into a temporary directory for its test.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Comparison, Report } from './report.js';
import type { Reproduction } from './reproduction.js';
import { runReproduction } from './runner.js';

export async function runQuick(r: Reproduction): Promise<Report & { out: string }> {
  const out = mkdtempSync(join(tmpdir(), `groklab-${r.name}-`));
  return { ...(await runReproduction(r, { quick: true, out })), out };
}

/**
 * The comparison whose quantity starts with `prefix` (throws if none: a renamed check must not
 * pass silently), in a report or in a judge's checks before any report holds them.
 */
export function comparison(report: { name?: string; comparisons: readonly Comparison[] }, prefix: string): Comparison {
  const c = report.comparisons.find((x) => x.quantity.startsWith(prefix));
  if (!c) throw new Error(`no comparison "${prefix}…" in ${report.name ?? 'these checks'}: ${report.comparisons.map((x) => x.quantity).join('; ')}`);
  return c;
}
