import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { PRESETS } from '../../papers/presets.js';
import { RunDir } from '../../runs/store.js';
import { UsageError } from '../../errors.js';
import { plotRun } from '../plot-run.js';
import { plotSweep, type PhaseOptions } from '../plot-sweep.js';
import { SweepDir } from '../../sweep/directory.js';

/** A run marked running whose process is gone was killed: say so instead of "running". */
function liveStatus(dir: RunDir): string {
  const meta = dir.readMeta();
  if (meta.status !== 'running') return meta.status;
  try {
    process.kill(meta.pid, 0);
    return 'running';
  } catch {
    return 'killed (resumable)';
  }
}

export function registerInspect(program: Command): void {
  program
    .command('presets')
    .description('list the presets and what each reproduces')
    .option('--json', 'print them as JSON (with their full configs)')
    .action((opts: { json?: boolean }) => {
      if (opts.json) return void process.stdout.write(`${JSON.stringify(PRESETS, null, 2)}\n`);
      for (const [name, p] of Object.entries(PRESETS)) process.stdout.write(`${name}\n  ${p.description}\n  source: ${p.source}\n`);
    });

  const runs = program.command('runs').description('list and inspect run directories');
  runs
    .command('ls')
    .description('one line per run under a directory')
    .argument('[dir]', 'where the runs are', 'runs')
    .action((root: string) => {
      if (!existsSync(root)) throw new UsageError(`${root}: no such directory`);
      const rows = readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'config.json')))
        .map((name) => {
          const dir = RunDir.open(join(root, name));
          const s = dir.readSummary();
          const meta = dir.readMeta();
          return [name, meta.preset ?? '-', liveStatus(dir), String(s?.steps ?? '-'), s?.outcome ?? '-', String(s?.t_mem ?? '-'), String(s?.t_gen ?? '-')];
        });
      const header = ['run', 'preset', 'status', 'steps', 'outcome', 't_mem', 't_gen'];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
      for (const row of [header, ...rows]) process.stdout.write(`${row.map((c, i) => c.padEnd(widths[i])).join('  ')}\n`);
    });

  runs
    .command('show')
    .description('the config, metadata and summary of one run')
    .argument('<dir>', 'the run directory')
    .action((path: string) => {
      const dir = RunDir.open(path);
      const shown = {
        meta: { ...dir.readMeta(), status: liveStatus(dir) },
        summary: dir.readSummary(),
        checkpoints: dir.checkpointSteps(),
        config: dir.readConfig(),
      };
      process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
    });

  program
    .command('plot')
    .description('a run: its training curves (accuracy, loss, weight norm; log step axis); a sweep: a phase diagram over --x × --y; SVG and PNG')
    .argument('<dir>', 'a run directory or a sweep directory')
    .option('--out <base>', 'output path without extension (default: next to the data)')
    .option('--x <param>', 'sweep: the parameter across (e.g. weightDecay)')
    .option('--y <param>', 'sweep: the parameter up (e.g. trainFraction)')
    .option('--facet <param>', 'sweep: one panel per value of this parameter')
    .option('--metric <name>', 'sweep: colour by this summary number (t_gen, delay, final_test_acc, …) instead of the outcome')
    .option('--log', 'sweep: colour by log10 of the metric')
    .action(async (path: string, opts: PhaseOptions & { x?: string; y?: string }) => {
      let files: { svgPath: string; pngPath: string };
      if (existsSync(join(path, 'index.json'))) {
        if (!opts.x || !opts.y) throw new UsageError('plot: a sweep needs --x and --y (swept parameters)');
        files = await plotSweep(SweepDir.open(path), { ...opts, x: opts.x, y: opts.y });
      } else files = await plotRun(path, opts.out);
      process.stdout.write(`${files.svgPath}\n${files.pngPath}\n`);
    });
}
