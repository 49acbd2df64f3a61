// Progress of a run, subscribed to the loop's events: a bar with ETA on a terminal, plain
// lines otherwise (logs, CI, pipes). Writes to stderr so stdout stays for results.
import type { RunEvent } from '../runs/events.js';

const REDRAW_MS = 100;
const LINE_MS = 10_000;

/** `watch`: the train and test metrics to show (the run's detection metrics). */
export function progressListener(totalSteps: number, watch: readonly [string, string] = ['train_acc', 'test_acc'], stream: NodeJS.WriteStream = process.stderr): (event: RunEvent) => void {
  const tty = stream.isTTY === true;
  const started = performance.now();
  let firstStep: number | null = null;
  let lastDraw = 0;
  let lastLine = -Infinity;
  let latest = '';

  const rate = (step: number) => {
    const seconds = (performance.now() - started) / 1000;
    return seconds > 0 && firstStep !== null ? (step - firstStep) / seconds : 0;
  };
  const eta = (step: number) => {
    const r = rate(step);
    if (r <= 0) return '?';
    const s = Math.round((totalSteps - step) / r);
    return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
  };

  return (event) => {
    if (event.event === 'eval') {
      const m = event.metrics;
      latest = `${watch[0]} ${fmt(m[watch[0]])} · ${watch[1]} ${fmt(m[watch[1]])} · loss ${m.train_loss?.toExponential(2) ?? '?'}`;
      if (!tty) stream.write(`step ${event.step}/${totalSteps}  ${latest}\n`);
      return;
    }
    if (event.event === 'step') {
      firstStep ??= event.step - 1;
      const now = performance.now();
      if (tty && now - lastDraw >= REDRAW_MS) {
        lastDraw = now;
        const width = 24;
        const filled = Math.round((width * event.step) / totalSteps);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
        stream.write(`\r${bar} ${event.step}/${totalSteps} · ${rate(event.step).toFixed(1)} steps/s · ETA ${eta(event.step)} · ${latest}\x1b[K`);
      } else if (!tty && now - lastLine >= LINE_MS) {
        lastLine = now;
        stream.write(`step ${event.step}/${totalSteps}  ${rate(event.step).toFixed(1)} steps/s  ETA ${eta(event.step)}\n`);
      }
      return;
    }
    if (event.event === 'done') {
      if (tty) stream.write('\n');
      stream.write(`${event.status} at step ${event.step}${event.reason ? ` (${event.reason})` : ''}\n`);
    }
  };
}

function fmt(v: number | undefined): string {
  if (v === undefined) return '?';
  return v !== 0 && Math.abs(v) < 1e-2 ? v.toExponential(2) : v.toFixed(3);
}
