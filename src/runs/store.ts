// The run directory: everything one run leaves behind, readable at any moment.
//   config.json    the fully resolved config
//   meta.json      seed, version, backend, dtype, start/end, status
//   metrics.jsonl  append-only, one event a line (a crash can at worst cut the last line)
//   summary.json   the verdict, written when the run ends
//   checkpoints/   step-N.ckpt, the newest two kept
//   weights/       step-N.safetensors snapshots on a log-spaced schedule, final.safetensors (./weights.ts)
//   run.lock       while a process drives the run (lock.ts)
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RunConfig } from '../config/schema.js';
import { validateConfig } from '../config/validate.js';
import { UsageError } from '../errors.js';
import { GROKLAB_VERSION } from '../version.js';
import { CheckpointError, readCheckpoint, writeCheckpoint, type Snapshot } from './checkpoint.js';
import type { RunEvent, RunStatus } from './events.js';
import { fileSystemError, writeFileAtomic, writeJsonAtomic } from './files.js';
import { LOCK_FILE, RunLock, leftoverTemporaries } from './lock.js';
import { runMetaSchema, type RunMeta } from './meta.js';
import { parseJsonFile, readJson } from './parse.js';
import { readSummary, type Summary } from './summary.js';
import { allFinite, configHash, readWeights, snapshotSteps, writeWeights } from './weights.js';

const KEEP_CHECKPOINTS = 2;

/** Parameters by name with their shapes: what a weights file stores. */
export interface ShapedParams {
  params: Readonly<Record<string, Float32Array | Float64Array>>;
  shapes: Readonly<Record<string, readonly number[]>>;
}

/** What a run directory that was claimed but never got its config.json may hold (a start killed early). */
const SKELETON = new Set(['meta.json', 'metrics.jsonl', 'checkpoints', LOCK_FILE]);

/** Why `path` cannot take a new run, or null when it can (absent, empty, or an abandoned start). */
function occupied(path: string): string | null {
  if (!existsSync(path)) return null;
  if (!statSync(path).isDirectory()) return 'is a file, not a directory';
  if (existsSync(join(path, 'config.json'))) return 'holds another run';
  const temporaries = new Set(leftoverTemporaries(path));
  const other = readdirSync(path).filter((f) => !SKELETON.has(f) && !temporaries.has(f));
  const checkpoints = join(path, 'checkpoints');
  if (other.length > 0 || (existsSync(checkpoints) && readdirSync(checkpoints).length > 0)) return 'is not empty';
  return null;
}

export interface IntactCheckpoint {
  /** the newest checkpoint that reads back whole, or null (restart from step 0) */
  snapshot: Snapshot | null;
  /** newer checkpoints passed over, and why */
  skipped: { step: number; reason: string }[];
}

export class RunDir {
  private hash: string | null = null;
  private lockHeld: RunLock | null = null;

  private constructor(readonly path: string) {}

  /**
   * Claims `path` for a new run and locks it: it must not exist, be empty, or hold what a start
   * killed before it wrote config.json leaves behind. Another run's files are never touched.
   */
  static create(path: string, config: RunConfig, meta: RunMeta, command = 'train'): RunDir {
    RunDir.checkFree(path);
    const refuse = (why: string) => new UsageError(`--out: ${path} ${why}; choose a new directory`);
    const existed = existsSync(path);
    try {
      mkdirSync(path, { recursive: true });
    } catch (error) {
      throw fileSystemError(error, path, '--out');
    }
    const dir = new RunDir(path);
    try {
      dir.lock(command);
    } catch (error) {
      if (!existed) rmdirSync(path);
      throw error instanceof UsageError ? error : fileSystemError(error, path, '--out');
    }
    try {
      // Under the lock: nobody else claimed it between the look above and now.
      const now = occupied(path);
      if (now) throw refuse(now);
      for (const f of readdirSync(path)) if (f !== LOCK_FILE) rmSync(join(path, f), { recursive: true });
      mkdirSync(join(path, 'checkpoints'));
      dir.writeMeta(meta);
      writeFileAtomic(join(path, 'metrics.jsonl'), '');
      // Last: a directory with config.json is a run (it can be resumed); one without is not yet.
      writeJsonAtomic(join(path, 'config.json'), config);
    } catch (error) {
      dir.release();
      if (!(error instanceof UsageError)) {
        for (const f of readdirSync(path)) rmSync(join(path, f), { recursive: true, force: true });
        if (!existed) rmdirSync(path);
      }
      throw error instanceof UsageError ? error : fileSystemError(error, path, '--out');
    }
    return dir;
  }

  /** Throws the UsageError create() would for `path`, touching nothing. */
  static checkFree(path: string): void {
    if (path.trim() === '') throw new UsageError('--out: an empty path names the current directory; give the run a directory of its own');
    let why: string | null;
    try {
      why = occupied(path);
    } catch (error) {
      throw fileSystemError(error, path, '--out');
    }
    if (why)
      throw new UsageError(
        `--out: ${path} ${why}; choose a new directory${why === 'holds another run' ? ` (or resume that run with \`groklab resume ${path}\`)` : ''}`,
      );
  }

  static open(path: string): RunDir {
    if (!existsSync(join(path, 'config.json'))) throw new UsageError(`${path} is not a groklab run directory (no config.json)`);
    return new RunDir(path);
  }

  /** Makes this process the run's one driver until release(); a UsageError names the holder otherwise. */
  lock(command: string): void {
    this.lockHeld ??= RunLock.acquire(this.path, command);
  }

  release(): void {
    this.lockHeld?.release();
    this.lockHeld = null;
  }

  /** The run's config, validated against the current schema (a usage error names the file and the field). */
  readConfig(): RunConfig {
    const file = join(this.path, 'config.json');
    const value = readJson(file);
    try {
      return validateConfig(value);
    } catch (error) {
      if (error instanceof UsageError) throw new UsageError(`${file}: ${error.message.split('\n')[0]}`);
      throw error;
    }
  }

  /** meta.json, checked: a damaged file is a UsageError naming it and the field. */
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
    const file = join(this.path, 'metrics.jsonl');
    if (!existsSync(file)) throw new UsageError(`${file}: missing; the run's log is gone, so it cannot be continued`);
    const text = readFileSync(file, 'utf8');
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

  /**
   * Keeps the events up to and including `step` (resume replays what came after), with the
   * checkpoint event of `step` when a kill came between saving it and logging it.
   */
  truncateEventsAfter(step: number): void {
    const kept = this.readEvents().filter((e) => e.step <= step && e.event !== 'done');
    const checkpoint = `checkpoints/step-${step}.ckpt`;
    if (step > 0 && !kept.some((e) => e.event === 'checkpoint' && e.step === step) && existsSync(join(this.path, checkpoint))) {
      kept.push({ event: 'checkpoint', step, path: checkpoint });
    }
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

  /** The newest checkpoint that passes its checksum and `fits` (matches the model), reading nothing into the run. */
  intactCheckpoint(fits: (snapshot: Snapshot) => string | null = () => null): IntactCheckpoint {
    const skipped: IntactCheckpoint['skipped'] = [];
    for (const step of this.checkpointSteps().reverse()) {
      const file = join(this.path, 'checkpoints', `step-${step}.ckpt`);
      try {
        const snapshot = readCheckpoint(file);
        const misfit = snapshot.step === step ? fits(snapshot) : `it holds step ${snapshot.step}`;
        if (misfit === null) return { snapshot, skipped };
        skipped.push({ step, reason: misfit });
      } catch (error) {
        if (!(error instanceof CheckpointError)) throw error;
        skipped.push({ step, reason: error.message });
      }
    }
    return { snapshot: null, skipped };
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
      ...snapshotSteps(this.path).map((step) => ({
        step,
        load: () => Object.fromEntries(Object.entries(readWeights(this.path, step).tensors).map(([n, t]) => [n, t.data as Float32Array | Float64Array])),
      })),
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

  /** Deletes the half-written files of a process that was killed while driving this run (call with the lock held). */
  removeTemporaries(): void {
    for (const where of [this.path, join(this.path, 'checkpoints'), join(this.path, 'weights')]) {
      if (existsSync(where)) for (const f of leftoverTemporaries(where)) rmSync(join(where, f), { force: true });
    }
  }
}
