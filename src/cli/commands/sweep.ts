import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { MEASURES } from '../../analysis/registry.js';
import { UsageError } from '../../errors.js';
import { writeFileAtomic, writeJsonAtomic } from '../../runs/files.js';
import { SweepDir } from '../../sweep/directory.js';
import { PRESETS } from '../../papers/presets.js';
import { expandSweep } from '../../sweep/expand.js';
import type { SweepProgress } from '../../sweep/pool.js';
import { progressLines } from '../../sweep/progress.js';
import { loadSweepSpec } from '../../sweep/spec.js';
import { withStopSignal } from '../../sweep/stop-signal.js';
import { groupRows, runRows, toCsv, type Row } from '../../sweep/summarize.js';
import { trainMany } from '../../sweep/train-many.js';
import { checkMetricNamesOfAll } from '../../train/metric-names.js';
import { integer } from '../parse.js';

/** One line for the whole sweep, redrawn on a terminal, appended otherwise (when the run counts change, and every 30 s). */
function sweepProgress(stream: NodeJS.WriteStream = process.stderr): (p: SweepProgress) => void {
  const tty = stream.isTTY === true;
  return progressLines('sweep', (line) => stream.write(tty ? `\r${line}\x1b[K` : `${line}\n`), { everyMs: tty ? 0 : 30_000 });
}

/** Writes runs.csv, groups.csv and summary.json into the sweep directory. */
export function summarize(dir: SweepDir): { runs: Row[]; groups: Row[] } {
  const runs = runRows(dir);
  const groups = groupRows(runs, Object.keys(dir.readSpec().parameters));
  writeFileAtomic(join(dir.path, 'runs.csv'), toCsv(runs));
  writeFileAtomic(join(dir.path, 'groups.csv'), toCsv(groups));
  writeJsonAtomic(join(dir.path, 'summary.json'), { runs, groups });
  return { runs, groups };
}

export function registerSweep(program: Command): void {
  const sweep = program.command('sweep').description('run many configurations (grid or random, × seeds), resumably, locally or through Redis');
  sweep
    .command('run', { isDefault: true })
    .description('expand a sweep spec (JSON or YAML) and train every run not finished yet')
    .argument('<spec>', 'the sweep spec: preset/config, parameters, method, seeds (see examples/)')
    .option('--out <dir>', 'the sweep directory (default sweeps/<name>); re-running resumes it')
    .option('--workers <n>', 'runs at a time on this machine (default: the number of cores)', integer('--workers', 1))
    .option('--queue <url>', 'enqueue the runs on Redis (redis://HOST:PORT) for `groklab worker`s instead')
    .action(async (specPath: string, opts: { out?: string; workers?: number; queue?: string }) => {
      const spec = loadSweepSpec(specPath);
      const runs = expandSweep(spec, PRESETS);
      checkMetricNamesOfAll(runs.map((r) => r.config));
      // Before anything is written: an unreachable queue leaves no sweep directory behind.
      // NOTE: the Redis client and BullMQ load only for --queue (about 0.3 s of every other start).
      if (opts.queue) await (await import('../../sweep/queue-redis.js')).probe(opts.queue);
      const dir = SweepDir.prepare(opts.out ?? join('sweeps', spec.name), spec, runs);
      const ids = runs.map((r) => r.id);
      const progress = sweepProgress();
      const result = await withStopSignal((signal) =>
        trainMany(dir, ids, { workers: opts.workers ?? availableParallelism(), queue: opts.queue, onProgress: progress, signal }),
      );
      if (process.stderr.isTTY) process.stderr.write('\n');
      const { groups } = summarize(dir);
      const counts = ['no-learn', 'memorize', 'generalize', 'grok'].map((o) => `${o} ${groups.reduce((n, g) => n + Number(g[`n_${o}`] ?? 0), 0)}`);
      process.stderr.write(`sweep directory: ${dir.path} · ${result.summaries.size}/${ids.length} runs finished · ${counts.join(' · ')}\n`);
      if (result.interrupted) {
        process.stderr.write('interrupted: run the same command again to resume\n');
        process.exitCode = 130;
      }
    });

  sweep
    .command('summarize')
    .description('tables of a sweep: every run (runs.csv) and every parameter point with mean ± 95 % interval over seeds (groups.csv, summary.json)')
    .argument('<dir>', 'the sweep directory')
    .option('--json', 'print the tables as JSON instead of the groups as CSV')
    .option(
      '--measures <names...>',
      `also measure every finished run's last weight snapshot (each NAME[:key=value,…] as \`groklab analyze --measure\`) and add the scalars as final_<measure>.<scalar> columns (e.g. final_fourier.key_count, for \`groklab plot --metric\`); measures: ${Object.keys(MEASURES).join(', ')}`,
    )
    .action(async (path: string, opts: { json?: boolean; measures?: string[] }) => {
      const dir = SweepDir.open(path);
      if (opts.measures) {
        const finished = dir.readIndex().filter(({ id }) => dir.state(id) === 'done');
        if (finished.length === 0) throw new UsageError(`--measures: sweep ${path} has no finished run to measure`);
        const { planRunEnd } = await import('../../analysis/run.js');
        const jobs = finished.map(({ id }) => planRunEnd(dir.runPath(id), opts.measures!));
        jobs.forEach((measure, i) => {
          process.stderr.write(`measures: run ${i + 1}/${jobs.length} (${finished[i].id})\n`);
          measure();
        });
      }
      const tables = summarize(dir);
      process.stdout.write(opts.json ? `${JSON.stringify(tables)}\n` : toCsv(tables.groups));
    });
}
