// What lies under the dashboard's roots: run directories (config.json + meta.json), sweep
// directories (spec.json + index.json) and reproductions (report.json), found by walking the
// roots once and then kept current by the watcher. Every id the API accepts is a key of this
// catalog, so a request can only name something that was found under a root.
import { existsSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ReportListing, SweepListing } from './api-types.js';

export type EntryKind = 'run' | 'sweep' | 'report';

export interface Entry {
  kind: EntryKind;
  id: string;
  /** absolute path of the directory */
  path: string;
}

export interface Root {
  /** the prefix of ids under this root ('' with a single root) */
  label: string;
  path: string;
  /** the root with every symlink resolved: served files must lie inside it */
  real: string;
}

/** Directories that hold no runs: never walked, never watched. */
const SKIPPED = new Set(['node_modules', '.git', 'checkpoints', 'weights', 'configs']);
/** A store is a few levels deep (root/sweep/runs/id); deeper trees are not groklab's. */
export const MAX_DEPTH = 6;

export function kindOf(dir: string): EntryKind | 'other' {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 'other';
  }
  return kindFromNames(new Set(names));
}

function kindFromNames(names: Set<string>): EntryKind | 'other' {
  if (names.has('config.json') && names.has('meta.json')) return 'run';
  if (names.has('index.json') && names.has('spec.json')) return 'sweep';
  if (names.has('report.json')) return 'report';
  return 'other';
}

export function makeRoots(paths: string[]): Root[] {
  const labels = new Map<string, number>();
  return paths.map((p) => {
    const path = resolve(p);
    if (!existsSync(path) || !statSync(path).isDirectory()) throw new Error(`${p}: no such directory`);
    let label = '';
    if (paths.length > 1) {
      const base = basename(path) || 'root';
      const n = labels.get(base) ?? 0;
      labels.set(base, n + 1);
      label = n === 0 ? base : `${base}-${n + 1}`;
    }
    return { label, path, real: realpathSync(path) };
  });
}

export class Catalog {
  private readonly byId = new Map<string, Entry>();
  private readonly byPath = new Map<string, Entry>();
  /** listings of sweeps and reports, refreshed when their files change */
  readonly sweeps = new Map<string, SweepListing>();
  readonly reports = new Map<string, ReportListing>();

  constructor(readonly roots: Root[]) {}

  idFor(path: string): string | null {
    for (const root of this.roots) {
      const rel = relative(root.path, path);
      if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) continue;
      const parts = rel ? rel.split(sep) : [];
      return [root.label, ...parts].filter(Boolean).join('/') || '.';
    }
    return null;
  }

  get(id: string): Entry | undefined {
    return this.byId.get(id);
  }

  at(path: string): Entry | undefined {
    return this.byPath.get(path);
  }

  entries(kind: EntryKind): Entry[] {
    return [...this.byId.values()].filter((e) => e.kind === kind);
  }

  add(kind: EntryKind, path: string): Entry | null {
    const existing = this.byPath.get(path);
    if (existing?.kind === kind) return existing;
    const id = this.idFor(path);
    if (id === null) return null;
    const entry = { kind, id, path };
    this.byId.set(id, entry);
    this.byPath.set(path, entry);
    return entry;
  }

  /** Forgets `path` and everything below it (a directory that disappeared). */
  removeUnder(path: string): Entry[] {
    const gone = [...this.byPath.values()].filter((e) => e.path === path || e.path.startsWith(path + sep));
    for (const e of gone) {
      this.byPath.delete(e.path);
      this.byId.delete(e.id);
      this.sweeps.delete(e.id);
      this.reports.delete(e.id);
    }
    return gone;
  }

  /** The directories under `dir` (itself included) down to MAX_DEPTH, each with its kind; `descend` prunes. */
  static walk(
    dir: string,
    depth: number,
    visit: (path: string, kind: EntryKind | 'other', depth: number) => void,
    descend: (path: string) => boolean = () => true,
  ): void {
    // One readdir per directory tells its kind and its children (a store has thousands of runs).
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const kind = kindFromNames(new Set(entries.map((e) => e.name)));
    visit(dir, kind, depth);
    if (kind === 'run' || depth >= MAX_DEPTH) return;
    // Symlinked directories are not followed: they could lead out of the root, or in a circle.
    for (const e of entries) {
      if (!e.isDirectory() || SKIPPED.has(e.name) || e.name.startsWith('.')) continue;
      const child = join(dir, e.name);
      if (descend(child)) Catalog.walk(child, depth + 1, visit, descend);
    }
  }
}
