// The embedding's Fourier spectrum over Z_p (Nanda et al. 2023, Fig. 3): how much of the number
// embedding lies on each frequency, which frequencies are key, and how concentrated the power is.
import { z } from 'zod';
import { effectiveCount, gini, keyFrequencies, spectrum } from '../fourier.js';
import { defineMeasure, named, type Measure } from '../measure.js';
import { modularTask, numberEmbedding, type SnapshotView, type Subject } from '../subject.js';

export const keyThresholdSchema = z
  .number()
  .positive()
  .default(4)
  .describe('a frequency is key when its power (norm²) is at least this many times the mean power over all non-constant frequencies');

const options = z.strictObject({ threshold: keyThresholdSchema });
type Options = z.infer<typeof options>;

/** The spectrum of a snapshot's number embedding; null when the model has none. */
export function embeddingSpectrum(view: SnapshotView) {
  const task = modularTask(view.subject);
  if (!task) return null;
  const embedding = numberEmbedding(view, task.p);
  if (!embedding) return null;
  return { ...spectrum(embedding.matrix, task.p, embedding.width), source: embedding.source };
}

export const hasNumberEmbedding = (subject: Subject): boolean => {
  const task = modularTask(subject);
  if (!task) return false;
  const shapes = subject.model.shapes;
  return (
    'embed' in shapes || ('embedX' in shapes && 'embedY' in shapes) || (subject.modelName === 'mlp' && subject.data.input.kind === 'tokens' && 'w0' in shapes)
  );
};

const fourier: Measure<Options> = {
  name: 'fourier',
  description:
    'Fourier spectrum of the number embedding over Z_p, its key frequencies and the concentration of its power (Gini, effective count); Nanda et al. 2023',
  requires: 'a modular task and a model with a number embedding (transformer, mlp, matrix-product-mlp)',
  options,
  appliesTo: hasNumberEmbedding,
  compute(view, { threshold }) {
    const s = embeddingSpectrum(view)!;
    const power = s.frequencyNorms.map((n) => n * n);
    const keys = keyFrequencies(s.frequencyNorms, threshold);
    return {
      embedding: s.source,
      basis_norms: [...s.basisNorms],
      frequency_norms: [...s.frequencyNorms],
      key_frequencies: keys,
      key_count: keys.length,
      gini: gini(power),
      effective_frequencies: effectiveCount(power),
    };
  },
  scalars: (v) => ({ key_count: v.key_count as number, effective_frequencies: v.effective_frequencies as number, gini: v.gini as number }),
  panels: [
    { title: 'embedding frequencies', scalars: named('key_count', 'effective_frequencies') },
    { title: 'Gini of Fourier power', scalars: named('gini'), unit: true },
  ],
};

export const fourierMeasure = defineMeasure(fourier);
