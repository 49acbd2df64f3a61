import { writeFileAtomic } from '../../runs/files.js';
import type { Command } from 'commander';
import { exportHtml } from '../../serve/export-html.js';

/** `groklab export …`: results leave groklab in a form others open without it. */
export function registerExport(program: Command): void {
  const group = program.command('export').description('write results in a form others open without groklab');
  group
    .command('html')
    .description('one self-contained HTML file (data, charts and figures inline) of a run, a sweep or a reproduction; opens offline')
    .argument('<dir>', 'a run directory, a sweep directory or a reproduction directory')
    .requiredOption('--out <file>', 'the HTML file to write')
    .action((dir: string, opts: { out: string }) => {
      writeFileAtomic(opts.out, exportHtml(dir));
      process.stdout.write(`${opts.out}\n`);
    });
}
