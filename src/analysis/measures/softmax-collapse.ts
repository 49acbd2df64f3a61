// Softmax collapse (Prieto, Barsbey, Mediano & Birdal 2025, "Grokking at the edge of numerical
// stability"): once the correct logit leads the others by enough, the float32 softmax of the
// correct class rounds to exactly 1, its cross-entropy gradient vanishes and learning stalls.
import { z } from 'zod';
import { defineMeasure, named, type Measure } from '../measure.js';
import { splitOutputs } from '../subject.js';

const options = z.strictObject({});
type Options = z.infer<typeof options>;

/**
 * Share of rows of logits [n, classes] whose softmax of the labelled class, computed in float32
 * as frameworks do (max-shifted, every operation rounded to float32), is exactly 1.
 */
export function collapsedFraction(logits: ArrayLike<number>, labels: ArrayLike<number>, classes: number): number {
  const n = labels.length;
  if (n === 0) throw new RangeError('collapsedFraction of no examples is undefined');
  const f = Math.fround;
  let collapsed = 0;
  for (let i = 0; i < n; i++) {
    const row = i * classes;
    // Only a row whose other classes' share Σ e^(z_j − z_label) is near float32's rounding of 1
    // (2^-24) needs the float32 emulation: far above, the softmax is below 1; far below, it is 1.
    const zc = logits[row + labels[i]];
    let rest = 0;
    for (let c = 0; c < classes; c++) if (c !== labels[i]) rest += Math.exp(logits[row + c] - zc);
    if (rest > 2 ** -20) continue;
    if (rest < 2 ** -28) {
      collapsed++;
      continue;
    }
    let max = -Infinity;
    for (let c = 0; c < classes; c++) max = Math.max(max, f(logits[row + c]));
    let sum = 0;
    for (let c = 0; c < classes; c++) sum = f(sum + f(Math.exp(f(f(logits[row + c]) - max))));
    const correct = f(Math.exp(f(f(logits[row + labels[i]]) - max)));
    if (f(correct / sum) === 1) collapsed++;
  }
  return collapsed / n;
}

const softmaxCollapse: Measure<Options> = {
  name: 'softmax-collapse',
  description: 'share of train and test examples whose float32 softmax of the correct class is exactly 1; Prieto et al. 2025',
  requires: 'a classification task trained with cross-entropy',
  options,
  appliesTo: (subject) => subject.data.objective.name === 'cross-entropy' && subject.data.outputs > 1,
  compute(view) {
    const { data } = view.subject;
    const of = (split: 'train' | 'test') => collapsedFraction(splitOutputs(view, split), data[split].labels!, data.outputs);
    return { train: of('train'), test: of('test') };
  },
  scalars: (v) => ({ collapsed_train: v.train as number, collapsed_test: v.test as number }),
  panels: [{ title: 'softmax collapse', scalars: named('collapsed_train', 'collapsed_test'), unit: true }],
};

export const softmaxCollapseMeasure = defineMeasure(softmaxCollapse);
