// A run's weights on disk, apart from the rotating resume checkpoints:
//   weights/step-N.safetensors   the parameters after N optimizer steps (the snapshot trajectory)
//   weights/final.safetensors    the parameters the run ended with
// Each file holds the model's parameters under their groklab names and shapes, in the run's
// dtype, with string metadata: step, kind (snapshot | final), config_sha256, groklab (version),
// and for the final weights the run's status.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readSafetensors, writeSafetensors, type NamedTensor, type TensorData } from './safetensors.js';
import { UsageError } from '../errors.js';

export const WEIGHTS_DIR = 'weights';

/** A step with a snapshot, or the final weights. */
export type WeightsKey = number | 'final';

export interface Weights {
  step: number;
  tensors: Record<string, NamedTensor>;
  metadata: Record<string, string>;
}

export function weightsPath(runPath: string, key: WeightsKey): string {
  return join(runPath, WEIGHTS_DIR, key === 'final' ? 'final.safetensors' : `step-${key}.safetensors`);
}

/** The steps with a snapshot, ascending. */
export function snapshotSteps(runPath: string): number[] {
  const dir = join(runPath, WEIGHTS_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => /^step-(\d+)\.safetensors$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

export function hasFinalWeights(runPath: string): boolean {
  return existsSync(weightsPath(runPath, 'final'));
}

/** One snapshot or the final weights; a missing one is a usage error naming what exists. */
export function readWeights(runPath: string, key: WeightsKey): Weights {
  const path = weightsPath(runPath, key);
  if (!existsSync(path)) {
    const steps = snapshotSteps(runPath);
    const available = steps.length ? `snapshots at steps ${steps.join(', ')}` : 'no snapshots';
    const final = hasFinalWeights(runPath) ? ' and final weights' : ' and no final weights';
    throw new UsageError(`--step: run ${runPath} has no ${key === 'final' ? 'final weights' : `snapshot at step ${key}`}; it has ${available}${final}`);
  }
  const { tensors, metadata } = readSafetensors(path);
  return { step: Number(metadata.step), tensors, metadata };
}

/** sha256 of the config as canonical JSON (keys sorted), so key order never changes it. */
export function configHash(config: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object')
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
      );
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(config)))
    .digest('hex');
}

export interface WeightsToWrite {
  step: number;
  params: Readonly<Record<string, Float32Array | Float64Array>>;
  shapes: Readonly<Record<string, readonly number[]>>;
  metadata: Record<string, string>;
}

export function writeWeights(runPath: string, key: WeightsKey, { step, params, shapes, metadata }: WeightsToWrite): void {
  const tensors: Record<string, NamedTensor> = {};
  for (const [name, data] of Object.entries(params)) {
    tensors[name] = { dtype: data instanceof Float32Array ? 'F32' : 'F64', shape: [...(shapes[name] ?? [data.length])], data };
  }
  mkdirSync(join(runPath, WEIGHTS_DIR), { recursive: true });
  writeSafetensors(weightsPath(runPath, key), { tensors, metadata: { ...metadata, step: String(step), kind: key === 'final' ? 'final' : 'snapshot' } });
}

/** Whether every value is finite (a diverged run's final weights must be). */
export function allFinite(params: Readonly<Record<string, TensorData>>): boolean {
  for (const data of Object.values(params)) for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return false;
  return true;
}
