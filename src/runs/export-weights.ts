// `groklab export weights`: one snapshot (or the final weights) of a run as a standalone
// safetensors file, under groklab's parameter names or TransformerLens's.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { writeSafetensors, type NamedTensor } from './safetensors.js';
import { RunDir } from './store.js';
import { toTransformerLens, transformerLensConfig } from './transformer-lens.js';
import { hasFinalWeights, readWeights, snapshotSteps } from './weights.js';

export const WEIGHT_NAMINGS = ['groklab', 'transformer-lens'] as const;
export type WeightNaming = (typeof WEIGHT_NAMINGS)[number];

export interface ExportWeightsOptions {
  /** a snapshot's step; the final weights when absent */
  step?: number;
  names: string;
  out: string;
}

/** Checks everything before writing, so bad input leaves no file; returns the step exported. */
export function exportWeights(runPath: string, { step, names, out }: ExportWeightsOptions): { step: number; tensors: number } {
  if (!(WEIGHT_NAMINGS as readonly string[]).includes(names)) throw new UsageError(`--names: unknown naming "${names}"; allowed: ${WEIGHT_NAMINGS.join(', ')}`);
  const outDir = dirname(out);
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw new UsageError(`--out: directory ${outDir} does not exist`);
  const dir = RunDir.open(runPath);
  if (snapshotSteps(runPath).length === 0 && !hasFinalWeights(runPath)) {
    throw new UsageError(`RUN: ${runPath} has no weight snapshots and no final weights (nothing to export; allowed: a run directory with a weights/ folder)`);
  }
  const config = dir.readConfig();
  if (names === 'transformer-lens' && config.model.name !== 'transformer') {
    throw new UsageError(
      `--names: transformer-lens names exist for model "transformer" only; run ${runPath} trains model "${config.model.name}" (allowed for it: groklab)`,
    );
  }
  const weights = readWeights(runPath, step ?? 'final');
  const metadata: Record<string, string> = { ...weights.metadata, names };
  let tensors: Record<string, NamedTensor> = weights.tensors;
  if (names === 'transformer-lens' && config.model.name === 'transformer') {
    const params = Object.fromEntries(Object.entries(weights.tensors).map(([n, t]) => [n, t.data as Float32Array | Float64Array]));
    const shapes = Object.fromEntries(Object.entries(weights.tensors).map(([n, t]) => [n, t.shape]));
    tensors = toTransformerLens(params, config.model, shapes);
    metadata.transformer_lens_config = JSON.stringify(transformerLensConfig(config.model, shapes.embed[0], shapes.pos[0], shapes.unembed[1]));
  }
  writeSafetensors(out, { tensors, metadata });
  return { step: weights.step, tensors: Object.keys(tensors).length };
}
