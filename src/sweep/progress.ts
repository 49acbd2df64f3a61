// What a sweep's progress display says: runs done and running, the share of the steps trained
// and an ETA from the rate seen since the display started. A sweep's command line redraws it on
// a terminal; reproductions log it as plain lines.
import type { SweepProgress } from './pool.js';

/** Seconds as a person reads a duration: "45 s", "12 min", "3.4 h". */
export function durationText(seconds: number): string {
  if (seconds < 120) return `${seconds.toFixed(0)} s`;
  if (seconds < 2 * 3600) return `${(seconds / 60).toFixed(0)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** The rate (and so the ETA) is shown once this much training has been watched. */
const RATE_MIN_MS = 2_000;

export interface ProgressLineOptions {
  /** a line at most this often while the run counts stay as they are (0: at every change) */
  everyMs?: number;
  /** milliseconds; tests pass a fake clock */
  now?: () => number;
}

/**
 * A subscriber to a sweep's progress that passes `write` a line such as
 * `sweep: 3/8 runs done, 2 running · 41 % of the steps · ETA 12 min` whenever the run counts
 * change, and otherwise at most every `everyMs`.
 */
export function progressLines(
  name: string,
  write: (line: string) => void,
  { everyMs = 30_000, now = () => performance.now() }: ProgressLineOptions = {},
): (p: SweepProgress) => void {
  let first: { at: number; work: number; done: number } | null = null;
  let lastCounts = '';
  let lastAt = -Infinity;
  return (p) => {
    const at = now();
    first ??= { at, work: p.work?.done ?? 0, done: p.done };
    const counts = `${p.done}/${p.total} runs done, ${p.running} running`;
    if (counts === lastCounts && at - lastAt < everyMs) return;
    lastCounts = counts;
    lastAt = at;
    const watched = at - first.at;
    let share = '';
    let left: number | null = null;
    if (p.work && p.work.total > 0) {
      share = ` · ${Math.floor((100 * p.work.done) / p.work.total)} % of the steps`;
      const rate = (p.work.done - first.work) / watched;
      if (watched >= RATE_MIN_MS && rate > 0) left = (p.work.total - p.work.done) / rate / 1000;
    } else if (p.done > first.done) {
      // Without step counts (a Redis queue): the rate of finished runs.
      left = ((p.total - p.done) * watched) / (p.done - first.done) / 1000;
    }
    const eta = p.done === p.total ? '' : ` · ETA ${left === null ? '?' : durationText(left)}`;
    write(`${name}: ${counts}${share}${eta}`);
  };
}
