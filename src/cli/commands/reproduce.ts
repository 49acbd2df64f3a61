import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { fileSystemError } from '../../runs/files.js';

/** A reproduction writes many runs and a report into its directory: never into a run's or over a file. */
function checkReproductionOut(out: string): void {
  if (out.trim() === '') throw new UsageError('--out: an empty path names the current directory; give the reproduction a directory of its own');
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new UsageError(`--out: ${out} is a file, not a directory`);
  if (existsSync(join(out, 'config.json'))) throw new UsageError(`--out: ${out} holds a run; choose a new directory`);
  if (existsSync(join(out, 'index.json'))) throw new UsageError(`--out: ${out} holds a sweep; choose a new directory`);
}

function claimReproductionOut(out: string): void {
  checkReproductionOut(out);
  try {
    mkdirSync(out, { recursive: true });
  } catch (error) {
    throw fileSystemError(error, out, '--out');
  }
}

export function registerReproduce(program: Command): void {
  program
    .command('reproduce')
    .description('reproduce a named paper figure end to end: runs, plots, report.md and report.json (no name: list them)')
    .argument('[name]', 'which figure; `groklab reproduce` lists the names')
    .option('--quick', 'a reduced version that still shows the phenomenon (under a minute)')
    .option('--out <dir>', 'where to write (default reproductions/<name>[-quick])')
    .option('--json', 'print report.json as the last line of stdout')
    .option(
      '--data <path>',
      'a data file the user supplies, for reproductions whose data cannot ship (omnigrok-imdb: the IMDb review CSV; omnigrok-fig5-qm9: the QM9 directory with gdb9.sdf and gdb9.sdf.csv)',
    )
    .option(
      '--list',
      'one line per reproduction: its status (reproduced, partial, contradicted, not run) from the last full report under --out (default reproductions/)',
    )
    .option('--markdown', 'with --list: the statuses as a Markdown table (docs/reproductions.md)')
    .action(async (name: string | undefined, opts: { quick?: boolean; out?: string; json?: boolean; data?: string; list?: boolean; markdown?: boolean }) => {
      // NOTE: the reproductions (with their plots, analysis and data loaders) load only here.
      const { findReproduction, formatMeasured, REPRODUCTIONS, reproductionStatuses, runReproduction, statusTable, verdictText, wallText } = await import(
        '../../papers/index.js'
      );
      if (opts.list) {
        if (name) throw new UsageError('--list takes no reproduction name');
        const lines = reproductionStatuses(REPRODUCTIONS, opts.out ?? 'reproductions');
        if (opts.markdown) return void process.stdout.write(`${statusTable(lines)}\n`);
        const width = Math.max(...lines.map((l) => l.name.length));
        for (const l of lines) process.stdout.write(`${l.name.padEnd(width)}  ${l.status}\n`);
        return;
      }
      if (opts.markdown) throw new UsageError('--markdown goes with --list');
      if (!name) {
        for (const r of REPRODUCTIONS) process.stdout.write(`${r.name}\n  ${r.title}\n  source: ${r.source}\n`);
        return;
      }
      const reproduction = findReproduction(name);
      if (!reproduction) throw new UsageError(`unknown reproduction "${name}"; allowed: ${REPRODUCTIONS.map((r) => r.name).join(', ')}`);
      const quick = opts.quick === true;
      const out = opts.out ?? join('reproductions', `${name}${quick ? '-quick' : ''}`);
      const existed = existsSync(out);
      claimReproductionOut(out);
      const report = await runReproduction(reproduction, { quick, out, log: (m) => process.stderr.write(`${m}\n`), data: opts.data }).catch(
        (error: unknown) => {
          // Refused before it wrote anything (a missing --data, say): the directory it made goes too.
          if (error instanceof UsageError && !existed && readdirSync(out).length === 0) rmdirSync(out);
          throw error;
        },
      );
      const mark = { reproduced: '✓', contradicted: '✗', 'not checked': '·', reported: ' ' } as const;
      const lines = [
        `${report.title}${quick ? ' (quick)' : ''}: ${report.status}, ${wallText(report)}`,
        ...report.comparisons.map(
          (c) =>
            `  ${mark[c.verdict]} ${c.quantity}: ${formatMeasured(c.measured)} (paper ${c.paper}; ${c.tolerance})${c.verdict === 'contradicted' || c.verdict === 'not checked' ? ` — ${verdictText(c).replace(/\*\*/g, '')}` : ''}`,
        ),
        `report: ${join(out, 'report.md')}`,
      ];
      process.stderr.write(`${lines.join('\n')}\n`);
      if (opts.json) process.stdout.write(`${JSON.stringify(report)}\n`);
    });
}
