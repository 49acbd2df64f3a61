// Restricted and excluded loss (Nanda et al. 2023, §5.1), measured at every snapshot against the
// key frequencies of the trained network, as they fix theirs from the final model: here the
// frequencies of a ± b that carry the last snapshot's logits (threshold as for `fourier`).
// Restricted loss falls once the Fourier circuit carries the predictions; excluded loss rises as
// the training set comes to depend on it — both before test accuracy moves.
import { z } from 'zod';
import { keyFrequencies } from '../fourier.js';
import { defineMeasure, named, type Measure } from '../measure.js';
import { logitFrequencyPower, progressLosses } from '../restricted-loss.js';
import { modularTask, pairLogits, type SnapshotView, type Subject } from '../subject.js';
import { UsageError } from '../../errors.js';
import { hasNumberEmbedding, keyThresholdSchema } from './fourier.js';

const split = z.enum(['train', 'test', 'all']);

const options = z.strictObject({
  threshold: keyThresholdSchema,
  frequencies: z
    .array(z.number().int().min(1))
    .min(1)
    .optional()
    .describe("the key frequencies to use (default: those of the last snapshot's logits, by threshold)"),
  restrictedSplit: split.default('test').describe('pairs the restricted loss is averaged over (their code: the test pairs)'),
  excludedSplit: split.default('train').describe('pairs the excluded loss is averaged over (their code: the training pairs)'),
});
type Options = z.infer<typeof options>;

const ops = { add: 'add', sub: 'sub' } as const;

export const appliesToPairSums = (subject: Subject): boolean => {
  const task = modularTask(subject);
  return task !== null && task.operation in ops && hasNumberEmbedding(subject);
};

/** The grid rows and labels of a split's examples. */
function rowsOf(view: SnapshotView, which: z.infer<typeof split>, p: number): { rows: Int32Array; labels: Int32Array } {
  const sets = which === 'all' ? [view.subject.data.train, view.subject.data.test] : [view.subject.data[which]];
  const rows = new Int32Array(sets.reduce((n, s) => n + s.count, 0));
  const labels = new Int32Array(rows.length);
  let i = 0;
  for (const set of sets) {
    for (let e = 0; e < set.count; e++, i++) {
      rows[i] = set.tokens![e * 3] * p + set.tokens![e * 3 + 1];
      labels[i] = set.labels![e];
    }
  }
  return { rows, labels };
}

const progress: Measure<Options, number[]> = {
  name: 'progress',
  description:
    "restricted loss (logits on the key frequencies of a ± b only) and excluded loss (those removed), against the key frequencies of the last snapshot's logits; Nanda et al. 2023",
  requires: 'modular addition or subtraction, and a model with a number embedding',
  options,
  appliesTo: appliesToPairSums,
  reference(last, o) {
    if (o.frequencies) {
      const half = Math.floor(modularTask(last.subject)!.p / 2);
      const tooHigh = o.frequencies.filter((w) => w > half);
      if (tooHigh.length > 0) throw new UsageError(`progress.frequencies: ${tooHigh.join(', ')} not in 1 … ${half} (p = ${modularTask(last.subject)!.p})`);
      return o.frequencies;
    }
    const { p, operation } = modularTask(last.subject)!;
    const power = logitFrequencyPower(pairLogits(last, p), p, last.subject.data.outputs, ops[operation as keyof typeof ops]);
    return keyFrequencies(power.map(Math.sqrt), o.threshold);
  },
  compute(view, o, frequencies) {
    const task = modularTask(view.subject)!;
    const { p } = task;
    const logits = pairLogits(view, p);
    const losses = progressLosses(
      logits,
      p,
      frequencies,
      ops[task.operation as keyof typeof ops],
      rowsOf(view, o.restrictedSplit, p),
      rowsOf(view, o.excludedSplit, p),
    );
    return {
      key_frequencies: frequencies,
      restricted_loss: losses.restricted,
      excluded_loss: losses.excluded,
      restricted_split: o.restrictedSplit,
      excluded_split: o.excludedSplit,
    };
  },
  scalars: (v) => ({ restricted_loss: v.restricted_loss as number, excluded_loss: v.excluded_loss as number }),
  panels: [{ title: 'loss (log)', scalars: named('restricted_loss', 'excluded_loss'), yLog: true }],
};

export const progressMeasure = defineMeasure(progress);
