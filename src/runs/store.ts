// The run directory: everything one run leaves behind, readable at any moment.
//   config.json    the fully resolved config
//   meta.json      seed, version, backend, dtype, start/end, status
//   metrics.jsonl  append-only, one event a line (a crash can at worst cut the last line)
//   summary.json   the verdict, written when the run ends
//   checkpoints/   step-N.ckpt, the newest two kept
//   weights/       step-N.safetensors snapshots on a log-spaced schedule, final.safetensors (./weights.ts)
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig } from '../config/validate.js';
import type { RunConfig } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { GROKLAB_VERSION } from '../version.js';
import { readCheckpoint, writeCheckpoint, type Snapshot } from './checkpoint.js';
import type { RunEvent, RunStatus } from './events.js';
import { writeFileAtomic, writeJsonAtomic } from './files.js';
import { runMetaSchema, type RunMeta } from './meta.js';
import { parseJsonFile } from './parse.js';
import { readSummary, type Summary } from './summary.js';
import { allFinite, configHash, readWeights, snapshotSteps, writeWeights } from './weights.js';

const KEEP_CHECKPOINTS = 2;

/** Parameters by name with their shapes: what a weights file stores. */
export interface ShapedParams {
  params: Readonly<Record<string, Float32Array | Float64Array>>;
  shapes: Readonly<Record<string, readonly number[]>>;
}

export class RunDir {
  private hash: string | null = null;

  private constructor(readonly path: string) {}

  /** A new run in `path`, which must not exist or be empty: another run's files are never touched. */
  static create(path: string, config: RunConfig, meta: RunMeta): RunDir {
    if (existsSync(path) && readdirSync(path).length > 0) {
      const what = existsSync(join(path, 'config.json')) ? 'holds another run' : 'is not empty';
      throw new UsageError(`--out: ${path} ${what}; choose a new directory (or resume the run with \`groklab resume ${path}\`)`);
    }
    mkdirSync(join(path, 'checkpoints'), { recursive: true });
    const dir = new RunDir(path);
    writeJsonAtomic(join(path, 'config.json'), config);
    dir.writeMeta(meta);
    writeFileAtomic(join(path, 'metrics.jsonl'), '');
    return dir;
  }

  static open(path: string): RunDir {
    if (!existsSync(join(path, 'config.json'))) throw new UsageError(`${path} is not a groklab run directory (no config.json)`);
    return new RunDir(path);
  }

  /** The run's config, validated against the current schema (a usage error names the field). */
  readConfig(): RunConfig {
    return validateConfig(JSON.parse(readFileSync(join(this.path, 'config.json'), 'utf8')));
  }

  readMeta(): RunMeta {
    return parseJsonFile(join(this.path, 'meta.json'), runMetaSchema);
  }

  writeMeta(meta: RunMeta): void {
    writeJsonAtomic(join(this.path, 'meta.json'), meta);
  }

  updateMeta(patch: Partial<RunMeta>): RunMeta {
    const meta = { ...this.readMeta(), ...patch };
    this.writeMeta(meta);
    return meta;
  }

  appendEvent(event: RunEvent): void {
    appendFileSync(join(this.path, 'metrics.jsonl'), `${JSON.stringify(event)}\n`);
  }

  /** Every complete event line; a last line cut by a crash is ignored. */
  readEvents(): RunEvent[] {
    const text = readFileSync(join(this.path, 'metrics.jsonl'), 'utf8');
    const events: RunEvent[] = [];
    for (const line of text.split('\n')) {
      if (!line) continue;
      try {
        events.push(JSON.parse(line) as RunEvent);
      } catch {
        break;
      }
    }
    return events;
  }

  /** Keeps the events up to and including `step` (resume replays what came after). */
  truncateEventsAfter(step: number): void {
    const kept = this.readEvents().filter((e) => e.step <= step && e.event !== 'done');
    writeFileAtomic(join(this.path, 'metrics.jsonl'), kept.map((e) => `${JSON.stringify(e)}\n`).join(''));
  }

  writeSummary(summary: Summary): void {
    writeJsonAtomic(join(this.path, 'summary.json'), summary);
  }

  /** The verdict of a run that has ended; null while it runs or after an interruption. */
  readSummary(): Summary | null {
    return readSummary(this.path);
  }

  /** Saves a checkpoint, then deletes all but the newest few; returns its path in the run. */
  saveCheckpoint(snapshot: Snapshot): string {
    const name = `step-${snapshot.step}.ckpt`;
    writeCheckpoint(join(this.path, 'checkpoints', name), snapshot);
    for (const old of this.checkpointSteps().slice(0, -KEEP_CHECKPOINTS)) rmSync(join(this.path, 'checkpoints', `step-${old}.ckpt`));
    return `checkpoints/${name}`;
  }

  checkpointSteps(): number[] {
    const dir = join(this.path, 'checkpoints');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .map((f) => /^step-(\d+)\.ckpt$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  }

  latestCheckpoint(): Snapshot | null {
    const steps = this.checkpointSteps();
    return steps.length ? readCheckpoint(join(this.path, 'checkpoints', `step-${steps[steps.length - 1]}.ckpt`)) : null;
  }

  /** Removes any summary (a resumed run is not finished yet). */
  clearSummary(): void {
    rmSync(join(this.path, 'summary.json'), { force: true });
  }

  /** Writes the parameters after `step` steps to the snapshot trajectory (a rewrite of a step holds the same values). */
  saveSnapshot(step: number, weights: ShapedParams): void {
    writeWeights(this.path, step, { step, ...weights, metadata: this.weightsMetadata() });
  }

  /**
   * Writes the weights a run ended with. A diverged run's parameters may no longer be finite:
   * then the newest finite ones stored (a snapshot or a checkpoint) stand in, with their step;
   * with none, no final weights are written.
   */
  saveFinalWeights(step: number, weights: ShapedParams, status: RunStatus): void {
    const last = allFinite(weights.params) ? { step, params: weights.params } : this.newestFiniteParams();
    if (!last) return;
    writeWeights(this.path, 'final', { step: last.step, params: last.params, shapes: weights.shapes, metadata: { ...this.weightsMetadata(), status } });
  }

  private newestFiniteParams(): { step: number; params: Record<string, Float32Array | Float64Array> } | null {
    const candidates = [
      ...snapshotSteps(this.path).map((step) => ({ step, load: () => Object.fromEntries(Object.entries(readWeights(this.path, step).tensors).map(([n, t]) => [n, t.data as Float32Array | Float64Array])) })),
      ...this.checkpointSteps().map((step) => ({ step, load: () => readCheckpoint(join(this.path, 'checkpoints', `step-${step}.ckpt`)).params })),
    ].sort((a, b) => b.step - a.step);
    for (const { step, load } of candidates) {
      const params = load();
      if (allFinite(params)) return { step, params };
    }
    return null;
  }

  private weightsMetadata(): Record<string, string> {
    this.hash ??= configHash(this.readConfig());
    return { config_sha256: this.hash, groklab: GROKLAB_VERSION };
  }
}
