// One run, one driver: the process that trains a run (train, resume, an ensemble member, a
// sweep's worker) holds `run.lock` in its directory until it ends. The lock appears whole or not
// at all (written to a temporary file, then hard-linked into place, which fails if a lock is
// there), so two processes can never both believe they hold it. A lock whose process is gone
// (kill -9, a crash, a reboot) is stale and taken over, saying whose it was.
import { linkSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

export const LOCK_FILE = 'run.lock';

export interface LockHolder {
  pid: number;
  host: string;
  /** what holds it: "train", "resume", "ensemble" */
  command: string;
  since: string;
  /** the holder's start time in clock ticks since boot (Linux), so a reused pid is not mistaken for it */
  processStart: string | null;
}

/** A holder on another machine (a shared filesystem) proves it is alive by touching the lock this often. */
const HEARTBEAT_MS = 10_000;
/** … and its lock is stale once untouched for this long. */
const FOREIGN_STALE_MS = 60_000;

/** Field 22 of /proc/PID/stat (Linux); null elsewhere or when the process is gone. */
function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why a holder no longer holds its lock, or null while it does. */
function staleReason(holder: LockHolder, lockPath: string): string | null {
  if (holder.host !== hostname()) {
    const age = Date.now() - statSync(lockPath).mtimeMs;
    return age > FOREIGN_STALE_MS ? `untouched for ${Math.round(age / 1000)} s` : null;
  }
  if (!pidAlive(holder.pid)) return 'no longer running';
  if (holder.processStart !== null && processStart(holder.pid) !== holder.processStart) return 'no longer running (its pid was reused)';
  return null;
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(lockPath, 'utf8')) as LockHolder;
    return typeof holder.pid === 'number' && typeof holder.host === 'string' ? holder : null;
  } catch {
    return null;
  }
}

const describe = (h: LockHolder) => `pid ${h.pid} (groklab ${h.command} on ${h.host} since ${h.since})`;

export class RunLock {
  private heartbeat: NodeJS.Timeout | null;

  private constructor(readonly path: string) {
    this.heartbeat = setInterval(() => {
      try {
        const now = new Date();
        utimesSync(path, now, now);
      } catch {
        // a lost lock file shows at the next acquire; training goes on
      }
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /**
   * Takes the lock of run directory `dir` (which must exist) or throws a UsageError naming the
   * process that holds it. `notice` hears about a stale lock taken over.
   */
  static acquire(dir: string, command: string, notice: (message: string) => void = (m) => process.stderr.write(`groklab: ${m}\n`)): RunLock {
    const lockPath = join(dir, LOCK_FILE);
    const mine: LockHolder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString(), processStart: processStart(process.pid) };
    const tmp = join(dir, `${LOCK_FILE}.${process.pid}.tmp`);
    writeFileSync(tmp, `${JSON.stringify(mine)}\n`);
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          linkSync(tmp, lockPath);
          return new RunLock(lockPath);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        const holder = readHolder(lockPath);
        // An unreadable lock is one being replaced right now (or damaged): look again.
        if (holder === null) continue;
        const stale = staleReason(holder, lockPath);
        if (stale === null) throw new UsageError(`${dir} is locked by ${describe(holder)}: one process drives a run at a time; wait for it to end or stop it`);
        // Move the stale lock aside; if someone else took it over first, what moved is theirs: put it back.
        const aside = join(dir, `${LOCK_FILE}.${process.pid}.stale`);
        try {
          renameSync(lockPath, aside);
        } catch {
          continue;
        }
        const moved = readHolder(aside);
        if (moved && (moved.pid !== holder.pid || moved.host !== holder.host || moved.since !== holder.since)) {
          try {
            linkSync(aside, lockPath);
          } finally {
            unlinkSync(aside);
          }
          continue;
        }
        unlinkSync(aside);
        notice(`${dir}: took over the lock of ${describe(holder)}, ${stale}`);
      }
      const holder = readHolder(lockPath);
      if (holder) throw new UsageError(`${dir} is locked by ${describe(holder)}: one process drives a run at a time`);
      throw new UsageError(
        `${dir} is locked: one process drives a run at a time, and its ${LOCK_FILE} cannot be read; if no groklab process drives this run, delete that file`,
      );
    } finally {
      unlinkSync(tmp);
    }
  }

  /** The process driving the run in `dir` right now, or null (no lock, or a stale one). */
  static liveHolder(dir: string): LockHolder | null {
    const lockPath = join(dir, LOCK_FILE);
    const holder = readHolder(lockPath);
    try {
      return holder && staleReason(holder, lockPath) === null ? holder : null;
    } catch {
      return null; // the lock went away while we looked
    }
  }

  release(): void {
    if (this.heartbeat === null) return;
    clearInterval(this.heartbeat);
    this.heartbeat = null;
    // Only our own lock: never one that was taken over while we were presumed dead.
    if (readHolder(this.path)?.pid === process.pid) unlinkSync(this.path);
  }
}

/** Temporary files that a killed lock holder may have left (atomic writes, lock files): theirs, not the run's. */
export function leftoverTemporaries(dir: string): string[] {
  return readdirSync(dir).filter((f) => /\.tmp-\d+$/.test(f) || /^run\.lock\.\d+\.(tmp|stale)$/.test(f));
}
