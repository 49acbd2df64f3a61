// `groklab export …`: results leave groklab in a form others open without it — a run, sweep or
// reproduction as one HTML file, a run's weights as safetensors, its (or a sweep's) metrics as
// one tidy CSV or Parquet table.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { exportWeights, WEIGHT_NAMINGS } from '../../runs/export-weights.js';
import { fileSystemError, writeFileAtomic } from '../../runs/files.js';
import { type MetricRow, metricsColumns, runMetricRows } from '../../runs/metrics-table.js';
import { TABLE_FORMATS, writeTable, type TableFormat } from '../../runs/table.js';
import { SweepDir } from '../../sweep/directory.js';
import { sweepMetricRows } from '../../sweep/metrics-table.js';
import { integer } from '../parse.js';

/** The export's own file: an .html path whose directory exists, never a directory or a run's files. */
function checkHtmlOut(out: string): void {
  if (!/\.html?$/i.test(out)) throw new UsageError(`--out: "${out}" must name an .html file`);
  if (existsSync(out) && !statSync(out).isFile()) throw new UsageError(`--out: ${out} is a directory, not a file`);
  const parent = dirname(out);
  if (!existsSync(parent)) throw new UsageError(`--out: ${parent} does not exist`);
  if (!statSync(parent).isDirectory()) throw new UsageError(`--out: ${parent} is a file, not a directory`);
}

export function registerExport(program: Command): void {
  const command = program.command('export').description('write results in a form others open without groklab: HTML, safetensors, CSV, Parquet');

  command
    .command('html')
    .description('one self-contained HTML file (data, charts and figures inline) of a run, a sweep or a reproduction; opens offline')
    .argument('<dir>', 'a run directory, a sweep directory or a reproduction directory')
    .requiredOption('--out <file>', 'the HTML file to write (.html)')
    .action(async (dir: string, opts: { out: string }) => {
      checkHtmlOut(opts.out);
      const { exportHtml } = await import('../../serve/export-html.js');
      const html = exportHtml(dir);
      try {
        writeFileAtomic(opts.out, html);
      } catch (error) {
        throw fileSystemError(error, opts.out, '--out');
      }
      process.stdout.write(`${opts.out}\n`);
    });

  command
    .command('weights')
    .description(
      'one weight snapshot of a run (default: its final weights) as a safetensors file; --names transformer-lens for the transformer loads in TransformerLens',
    )
    .argument('<run>', 'the run directory')
    .option('--step <n>', "the step of a snapshot (see the run's weights/ folder); default: the final weights", integer('--step', 0))
    .requiredOption('--out <file>', 'the .safetensors file to write')
    .option('--names <naming>', `tensor names: ${WEIGHT_NAMINGS.join(' (as stored) or ')} (HookedTransformer state dict, model "transformer" only)`, 'groklab')
    .action((run: string, opts: { step?: number; out: string; names: string }) => {
      const { step, tensors } = exportWeights(run, opts);
      process.stdout.write(`${opts.out}: ${tensors} tensors at step ${step} (${opts.names} names)\n`);
    });

  command
    .command('metrics')
    .description(
      "the logged evaluations of a run or of every run of a sweep as one tidy table: run, step, metric, value (+ a sweep's varied config fields and training.seed)",
    )
    .argument('<path>', 'a run directory or a sweep directory')
    .requiredOption('--format <format>', `${TABLE_FORMATS.join(' or ')}`)
    .requiredOption('--out <file>', 'the file to write')
    .action((path: string, opts: { format: string; out: string }) => {
      if (!(TABLE_FORMATS as readonly string[]).includes(opts.format))
        throw new UsageError(`--format: unknown format "${opts.format}"; allowed: ${TABLE_FORMATS.join(', ')}`);
      const outDir = dirname(opts.out);
      if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw new UsageError(`--out: directory ${outDir} does not exist`);
      let rows: MetricRow[];
      if (existsSync(join(path, 'index.json'))) rows = sweepMetricRows(SweepDir.open(path));
      else if (existsSync(join(path, 'config.json'))) rows = runMetricRows(path, basename(resolve(path)));
      else throw new UsageError(`RUN|SWEEP: ${path} is neither a run directory (config.json) nor a sweep directory (index.json)`);
      writeTable(opts.out, metricsColumns(rows), opts.format as TableFormat);
      process.stdout.write(`${opts.out}: ${rows.length} rows\n`);
    });
}
