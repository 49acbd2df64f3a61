// Nanda et al. 2023, "Progress measures for grokking via mechanistic interpretability": the
// one-layer transformer on a + b mod 113 (30 % of pairs, full batch, AdamW wd 1) learns a Fourier
// algorithm on a few key frequencies. Their progress measures, measured on the run's weight
// snapshots with `groklab analyze`'s measures — key frequencies, restricted loss, excluded loss
// and the total weight norm — split training into memorization, circuit formation and cleanup.
import { join } from 'node:path';
import { analysisPanels, analyze, chooseMeasures, runSnapshots, scalarSeries, subjectOf, writeAnalysis, type AnalysisLine } from '../../analysis/index.js';
import { DEFAULTS } from '../../config/defaults.js';
import type { RunConfig } from '../../config/schema.js';
import { validateConfig } from '../../config/validate.js';
import { analysisFigureSpec, writePlot, type Rule } from '../../plots/index.js';
import { RunDir } from '../../runs/store.js';
import { runGrid } from '../grid.js';
import { claim, reported, type Comparison } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { detectPhases, type Phases, type Point } from './phases.js';
import { NANDA_PRESETS } from './presets.js';

/**
 * Quick: the default preset (an MLP on a + b mod 97, half the pairs, full batch, AdamW wd 1), which
 * fits its training pairs by ~100 steps and generalizes by ~1000 with a Fourier circuit of its own;
 * 1000 steps without early stopping, so the test loss has fallen when the run ends.
 */
function quickConfig(): RunConfig {
  const base = DEFAULTS;
  return validateConfig({ ...base, training: { ...base.training, steps: 1000, checkpointEvery: 1000, earlyStop: null } });
}

function fullConfig(): RunConfig {
  const base = NANDA_PRESETS['nanda-p113'].config;
  return validateConfig({ ...base, training: { ...base.training, checkpointEvery: 1000 } });
}

/**
 * Whether a snapshot shows the Fourier algorithm: a few key frequencies (at least one, at most a
 * third of all), the embedding's power concentrated on them (Gini ≥ 0.5), and logits that the
 * key frequencies alone predict better than the rest (restricted loss below excluded loss).
 */
export function fourierStructure(line: AnalysisLine, p: number): { present: boolean; text: string } {
  const f = line.measures.fourier;
  const pr = line.measures.progress;
  const keys = f.key_frequencies as number[];
  const gini = f.gini as number;
  const restricted = pr.restricted_loss as number;
  const excluded = pr.excluded_loss as number;
  const present = keys.length >= 1 && keys.length <= Math.floor(p / 2) / 3 && gini >= 0.5 && restricted < excluded;
  return {
    present,
    text: `step ${line.step}: key frequencies [${keys.join(', ')}], Gini ${gini.toFixed(2)}, restricted ${restricted.toPrecision(2)} vs excluded ${excluded.toPrecision(2)}`,
  };
}

const points = (series: Map<string, { step: number; value: number }[]>, name: string): Point[] => series.get(name) ?? [];

/** What the checks read of a run and its analysis. */
export interface ProgressReading {
  /** the Fourier structure of the last snapshot (fourierStructure) */
  structure: { present: boolean; text: string };
  phases: Phases;
  tGen: number | null;
  /** the key frequencies at the end, as text */
  keys: string;
  normAtCleanupStart: number | null;
  normAtCleanupEnd: number | null;
}

/** The report's checks (pure: the test feeds it results that must fail). */
export function judgeProgressMeasures(r: ProgressReading, quick: boolean): Comparison[] {
  const { structure, phases, tGen } = r;
  const comparisons: Comparison[] = [
    claim(
      'the Fourier structure at the end (a few key frequencies, Gini ≥ 0.5, restricted < excluded loss)',
      'a handful of key frequencies, e.g. 5',
      structure.present,
      structure.text,
    ),
    claim(
      'excluded loss turns to rise before test accuracy rises (end of memorization < t_gen)',
      'excluded loss rises from ≈ 1.4k steps, test accuracy at ≈ 9.4k–13k',
      phases.memorizationEnd !== null && tGen !== null && phases.memorizationEnd < tGen,
      `excluded loss lowest at step ${phases.memorizationEnd ?? '—'}, t_gen ${tGen ?? 'not reached'}`,
    ),
    claim(
      'the phases come in order: memorization < cleanup start < cleanup end',
      '1.4k < 9.4k < 13k',
      phases.memorizationEnd !== null &&
        phases.cleanupStart !== null &&
        phases.cleanupEnd !== null &&
        phases.memorizationEnd < phases.cleanupStart &&
        phases.cleanupStart < phases.cleanupEnd,
      phaseText(phases),
    ),
  ];
  if (!quick) {
    comparisons.push(
      // the paper gives one run's values, no range: shown beside ours, not judged
      reported('end of memorization (steps)', '≈ 1.4k', phases.memorizationEnd),
      reported('start of cleanup (steps)', '≈ 9.4k', phases.cleanupStart),
      reported('end of cleanup (steps)', '≈ 13k', phases.cleanupEnd),
      reported('number of key frequencies at the end', '≈ 5 (e.g. 14, 35, 41, 42, 52)', r.keys),
      claim(
        'total weight norm falls during cleanup',
        'falls fastest in cleanup',
        (r.normAtCleanupEnd ?? Infinity) < (r.normAtCleanupStart ?? -Infinity),
        `${r.normAtCleanupStart?.toFixed(1) ?? '—'} → ${r.normAtCleanupEnd?.toFixed(1) ?? '—'}`,
      ),
    );
  }
  return comparisons;
}

export const nandaProgressMeasures: Reproduction = {
  name: 'nanda-progress-measures',
  title: 'Nanda et al. 2023: progress measures of grokking — key frequencies, restricted and excluded loss, three phases',
  source:
    'Nanda, Chan, Lieberum, Smith, Steinhardt 2023, "Progress measures for grokking via mechanistic interpretability", §5 and Fig. 7 (src/papers/nanda/README.md)',
  async run({ quick, out, log }) {
    const config = quick ? quickConfig() : fullConfig();
    const [run] = await runGrid('runs', [{ id: quick ? 'mlp-p97' : 'transformer-p113', params: {}, config }], { out, log });
    const dir = RunDir.open(join(out, run.dir));
    log('analyzing the weight snapshots');
    const subject = subjectOf(config, run.dir);
    const choices = chooseMeasures(['fourier', 'progress', 'weights'], subject, run.dir);
    const lines = analyze(subject, runSnapshots(dir), choices);
    writeAnalysis(dir, lines);
    const series = scalarSeries(lines, choices);
    const testLoss = run.evals.map((e) => ({ step: e.step, value: e.metrics.test_loss }));
    const phases = detectPhases(points(series, 'progress.excluded_loss'), testLoss);
    const { p } = config.task as { p: number };
    const last = lines.at(-1)!;
    const structure = fourierStructure(last, p);
    const norms = points(series, 'weights.total_l2');
    const normAt = (step: number | null) => (step === null ? null : (norms.find((n) => n.step >= step)?.value ?? null));
    const comparisons = judgeProgressMeasures(
      {
        structure,
        phases,
        tGen: run.summary.t_gen,
        keys: `${last.measures.fourier.key_count}: [${(last.measures.fourier.key_frequencies as number[]).join(', ')}]`,
        normAtCleanupStart: normAt(phases.cleanupStart),
        normAtCleanupEnd: normAt(phases.cleanupEnd),
      },
      quick,
    );

    // Each boundary in its own colour, its label in the same: close boundaries stack their labels
    // in rows above the plot, away from their rules.
    const rules: Rule[] = (
      [
        ['memorization ends', phases.memorizationEnd, '#7b3294'],
        ['cleanup starts', phases.cleanupStart, '#1b7837'],
        ['cleanup ends', phases.cleanupEnd, '#b35806'],
      ] as const
    ).flatMap(([label, step, color]) => (step === null ? [] : [{ x: step, label, color }]));
    const panels = analysisPanels(lines, choices, run.evals).filter((panel) => !panel.title.startsWith('effective rank'));
    const what = quick ? 'MLP, a + b mod 97' : 'one-layer transformer, a + b mod 113';
    await writePlot(analysisFigureSpec({ title: `Progress measures (${what})`, subtitle: phaseText(phases), panels, rules }), join(out, 'progress-measures'));
    const notes = quick
      ? [
          "Quick: the default preset (an MLP with embeddings of 64 and 256 ReLU units on a + b mod 97, half of the pairs, AdamW lr 3e-3, weight decay 1) for 1000 full-batch steps instead of the p = 113 transformer; its phase boundaries are not compared with the paper's.",
        ]
      : ['Full: the preset nanda-p113 (15,000 full-batch steps).'];
    notes.push(
      'Phase rule: memorization ends at the lowest excluded loss; cleanup starts when log test loss has fallen 10 % of the way from its peak to its final value, and ends at 90 %.',
      'Key frequencies: power (norm²) of the embedding on a frequency ≥ 4 × the mean over frequencies, taken from the last snapshot for the restricted and excluded loss.',
    );
    return { comparisons, plots: ['progress-measures.png'], runs: [run.dir], notes };
  },
};

function phaseText(p: Phases): string {
  const at = (s: number | null) => (s === null ? '—' : String(s));
  return `memorization → ${at(p.memorizationEnd)} · circuit formation → ${at(p.cleanupStart)} · cleanup → ${at(p.cleanupEnd)}`;
}
