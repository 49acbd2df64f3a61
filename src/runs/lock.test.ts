import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { LOCK_FILE, RunLock } from './lock.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'groklab-lock-'));

/** A pid that certainly belongs to no process: one that has just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

const holder = (pid: number, host = hostname()) => JSON.stringify({ pid, host, command: 'train', since: '2026-01-01T00:00:00.000Z', processStart: null });

describe('the run lock', () => {
  it('is exclusive: a second acquire names the holder; release lets the next one in', () => {
    const dir = fresh();
    const lock = RunLock.acquire(dir, 'train');
    expect(RunLock.liveHolder(dir)?.pid).toBe(process.pid);
    expect(() => RunLock.acquire(dir, 'resume')).toThrow(UsageError);
    expect(() => RunLock.acquire(dir, 'resume')).toThrow(new RegExp(`locked by pid ${process.pid} \\(groklab train`));
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
    RunLock.acquire(dir, 'resume').release();
  });

  it('takes over the lock of a dead process, saying whose it was, and leaves no temporary file', () => {
    const dir = fresh();
    const pid = deadPid();
    writeFileSync(join(dir, LOCK_FILE), holder(pid));
    expect(RunLock.liveHolder(dir)).toBeNull();
    const notices: string[] = [];
    const lock = RunLock.acquire(dir, 'resume', (m) => notices.push(m));
    expect(notices).toEqual([expect.stringMatching(new RegExp(`took over the lock of pid ${pid} .*no longer running`))]);
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    lock.release();
  });

  it('a lock from another machine is live while it is touched, stale after a minute without', () => {
    const dir = fresh();
    const lockPath = join(dir, LOCK_FILE);
    writeFileSync(lockPath, holder(1, 'elsewhere'));
    expect(() => RunLock.acquire(dir, 'resume')).toThrow(/locked by pid 1 \(groklab train on elsewhere/);
    const old = new Date(Date.now() - 120_000);
    utimesSync(lockPath, old, old);
    const notices: string[] = [];
    RunLock.acquire(dir, 'resume', (m) => notices.push(m)).release();
    expect(notices[0]).toMatch(/untouched for 1\d\d s/);
  });

  it('an unreadable lock file is not taken over blindly', () => {
    const dir = fresh();
    writeFileSync(join(dir, LOCK_FILE), '');
    expect(() => RunLock.acquire(dir, 'resume')).toThrow(/is locked: one process drives a run at a time, and its run.lock cannot be read/);
  });
});
