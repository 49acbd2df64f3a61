import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { EnvironmentError, UsageError } from '../errors.js';

/**
 * Fault injection for the chaos test: GROKLAB_TEST_KILL_AT_WRITE=N makes this process kill
 * itself (SIGKILL) halfway through its N-th atomic write, the worst moment for a crash.
 */
const killAtWrite = Number(process.env.GROKLAB_TEST_KILL_AT_WRITE) || 0;
let atomicWrites = 0;

/** Writes through a temporary file and a rename, so a reader never sees half a file; a failed write leaves no temporary file. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    if (killAtWrite > 0 && ++atomicWrites === killAtWrite) {
      const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
      writeFileSync(tmp, bytes.subarray(0, bytes.length >> 1));
      process.kill(process.pid, 'SIGKILL');
    }
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** What a file-system error code means, in words; null for errors that are not about the file system. */
export function fileSystemReason(error: unknown): string | null {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'ENOTDIR':
      return 'a path component is a file, not a directory';
    case 'EISDIR':
      return 'is a directory';
    case 'EEXIST':
      return 'already exists';
    case 'ENOENT':
      return 'no such file or directory';
    case 'ENAMETOOLONG':
      return 'name too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    default:
      return null;
  }
}

/**
 * A file-system error as one line. Where the path came from the user's `argument` (--out) the
 * fault is theirs (UsageError, exit 2), except a full disk, which is the machine's (exit 1).
 */
export function fileSystemError(error: unknown, path: string, argument?: string): Error {
  const reason = fileSystemReason(error);
  if (reason === null) return error instanceof Error ? error : new Error(String(error));
  const code = (error as NodeJS.ErrnoException).code;
  const environment = code === 'ENOSPC' || code === 'EDQUOT' || code === 'EIO' || code === 'EMFILE' || code === 'ENFILE';
  if (argument && !environment) return new UsageError(`${argument}: cannot write ${path} (${reason})`);
  return new EnvironmentError(`cannot write ${path} (${reason})`);
}
