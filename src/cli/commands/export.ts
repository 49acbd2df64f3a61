import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { fileSystemError, writeFileAtomic } from '../../runs/files.js';
import { exportHtml } from '../../serve/export-html.js';

/** The export's own file: an .html path whose directory exists, never a directory or a run's files. */
function checkHtmlOut(out: string): void {
  if (!/\.html?$/i.test(out)) throw new UsageError(`--out: "${out}" must name an .html file`);
  if (existsSync(out) && !statSync(out).isFile()) throw new UsageError(`--out: ${out} is a directory, not a file`);
  const parent = dirname(out);
  if (!existsSync(parent)) throw new UsageError(`--out: ${parent} does not exist`);
  if (!statSync(parent).isDirectory()) throw new UsageError(`--out: ${parent} is a file, not a directory`);
}

/** `groklab export …`: results leave groklab in a form others open without it. */
export function registerExport(program: Command): void {
  const group = program.command('export').description('write results in a form others open without groklab');
  group
    .command('html')
    .description('one self-contained HTML file (data, charts and figures inline) of a run, a sweep or a reproduction; opens offline')
    .argument('<dir>', 'a run directory, a sweep directory or a reproduction directory')
    .requiredOption('--out <file>', 'the HTML file to write (.html)')
    .action((dir: string, opts: { out: string }) => {
      checkHtmlOut(opts.out);
      const html = exportHtml(dir);
      try {
        writeFileAtomic(opts.out, html);
      } catch (error) {
        throw fileSystemError(error, opts.out, '--out');
      }
      process.stdout.write(`${opts.out}\n`);
    });
}
