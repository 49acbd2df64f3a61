import { join } from 'node:path';
import type { Command } from 'commander';
import { MEASURES } from '../../analysis/registry.js';
import type { EvalEvent } from '../../runs/events.js';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerAnalyze(program: Command): void {
  program
    .command('analyze')
    .description(
      'measures over every parameter snapshot of a run (Fourier key frequencies, restricted/excluded loss, PCA, norms and ranks, softmax collapse): analysis.jsonl, analysis.svg and analysis.png in the run directory',
    )
    .argument('<run>', 'the run directory')
    .option(
      '--measure <name[:key=value,…]>',
      `a measure and its options, repeatable (default: every one that applies); measures: ${Object.keys(MEASURES).join(', ')}`,
      collect,
      [],
    )
    .action(async (path: string, opts: { measure: string[] }) => {
      const { analyze, analysisPanels, chooseMeasures, openRunForAnalysis, writeAnalysis } = await import('../../analysis/index.js');
      const { analysisFigureSpec, writePlot } = await import('../../plots/index.js');
      const { dir, subject, snapshots } = openRunForAnalysis(path);
      const choices = chooseMeasures(opts.measure, subject, `run ${path} (task ${subject.task.name}, model ${subject.modelName})`);
      let done = 0;
      const lines = analyze(subject, snapshots, choices, () => {
        done++;
        if (process.stderr.isTTY) process.stderr.write(`\ranalyze: ${done}/${snapshots.steps.length} snapshots\x1b[K`);
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      const jsonl = writeAnalysis(dir, lines);
      const evals = dir.readEvents().filter((e): e is EvalEvent => e.event === 'eval');
      const meta = dir.readMeta();
      const spec = analysisFigureSpec({
        title: `${meta.preset ?? path} · seed ${meta.seed}: measures over training`,
        subtitle: `${lines.length} snapshots · ${choices.map((c) => c.measure.name).join(', ')}`,
        panels: analysisPanels(lines, choices, evals),
      });
      const { svgPath, pngPath } = await writePlot(spec, join(dir.path, 'analysis'));
      process.stdout.write(`${jsonl}\n${svgPath}\n${pngPath}\n`);
      const last = lines.at(-1)!;
      const fourier = last.measures.fourier;
      if (fourier)
        process.stderr.write(`step ${last.step}: key frequencies ${JSON.stringify(fourier.key_frequencies)} (Gini ${(fourier.gini as number).toFixed(2)})\n`);
    });
}
