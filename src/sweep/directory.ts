// The sweep directory: the spec as given, an index of its runs, and one run directory each.
//   spec.json    the validated spec (a re-run must match it: a different sweep is refused)
//   index.json   [{id, params, seed}] in expansion order
//   configs/     each run's resolved config, handed to the process that trains it
//   runs/<id>/   an ordinary run directory
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isFinished } from '../runs/events.js';
import { leftoverTemporaries } from '../runs/lock.js';
import { fileSystemError, writeJsonAtomic } from '../runs/files.js';
import { readSummary } from '../runs/summary.js';
import { UsageError } from '../errors.js';
import type { SweepRun } from './expand.js';
import type { SweepSpec } from './spec.js';

export interface IndexEntry {
  id: string;
  params: Record<string, unknown>;
  seed: number;
}

/** Where a run stands: finished (never recomputed), started (resumed), or not yet started. */
export type RunState = 'done' | 'partial' | 'new';

export class SweepDir {
  private constructor(readonly path: string) {}

  /** Creates the directory, or reopens it when it already holds this very spec. */
  static prepare(path: string, spec: SweepSpec, runs: SweepRun[]): SweepDir {
    if (path.trim() === '') throw new UsageError('--out: an empty path names the current directory; give the sweep a directory of its own');
    try {
      return SweepDir.prepareAt(path, spec, runs);
    } catch (error) {
      throw error instanceof UsageError ? error : fileSystemError(error, path, '--out');
    }
  }

  private static prepareAt(path: string, spec: SweepSpec, runs: SweepRun[]): SweepDir {
    const specFile = join(path, 'spec.json');
    if (existsSync(path) && !statSync(path).isDirectory()) throw new UsageError(`--out: ${path} is a file, not a directory`);
    if (existsSync(specFile)) {
      if (JSON.stringify(JSON.parse(readFileSync(specFile, 'utf8'))) !== JSON.stringify(spec)) {
        throw new UsageError(`--out: ${path} holds a different sweep; choose a new directory`);
      }
    } else if (existsSync(path) && readdirSync(path).some((f) => !leftoverTemporaries(path).includes(f))) {
      throw new UsageError(`--out: ${path} is not empty and holds no sweep`);
    }
    // spec.json first: a sweep killed while it sets up leaves either nothing of its own (an empty
    // directory, a temporary file) or its spec, and the same command then carries on.
    mkdirSync(path, { recursive: true });
    writeJsonAtomic(specFile, spec);
    mkdirSync(join(path, 'configs'), { recursive: true });
    mkdirSync(join(path, 'runs'), { recursive: true });
    const dir = new SweepDir(path);
    writeJsonAtomic(
      join(path, 'index.json'),
      runs.map(({ id, params, seed }) => ({ id, params, seed })),
    );
    for (const run of runs) if (!existsSync(dir.configPath(run.id))) writeJsonAtomic(dir.configPath(run.id), run.config);
    return dir;
  }

  static open(path: string): SweepDir {
    if (!existsSync(join(path, 'index.json'))) throw new UsageError(`${path} is not a groklab sweep directory (no index.json)`);
    return new SweepDir(path);
  }

  readSpec(): SweepSpec {
    return JSON.parse(readFileSync(join(this.path, 'spec.json'), 'utf8')) as SweepSpec;
  }

  readIndex(): IndexEntry[] {
    return JSON.parse(readFileSync(join(this.path, 'index.json'), 'utf8')) as IndexEntry[];
  }

  runPath(id: string): string {
    return join(this.path, 'runs', id);
  }

  configPath(id: string): string {
    return join(this.path, 'configs', `${id}.json`);
  }

  state(id: string): RunState {
    const run = this.runPath(id);
    if (isFinished(readSummary(run)?.status)) return 'done';
    return existsSync(join(run, 'config.json')) ? 'partial' : 'new';
  }
}
