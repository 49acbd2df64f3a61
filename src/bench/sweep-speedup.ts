// The sweep runner's parallel speed-up: the 8 runs of examples/quick-sweep.yaml through the
// real CLI, on one worker and on two, each into a fresh sweep directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function sweepSpeedup(root: string): { runs: number; oneWorkerSeconds: number; twoWorkersSeconds: number; ratio: number } {
  const time = (workers: number) => {
    const out = join(mkdtempSync(join(tmpdir(), 'groklab-bench-sweep-')), 'sweep');
    const start = performance.now();
    const r = spawnSync(
      process.execPath,
      [join(root, 'dist/cli/main.js'), 'sweep', join(root, 'examples/quick-sweep.yaml'), '--out', out, '--workers', String(workers)],
      { encoding: 'utf8' },
    );
    if (r.status !== 0) throw new Error(`bench: sweep with ${workers} worker(s) failed: ${r.stderr}`);
    return (performance.now() - start) / 1000;
  };
  const oneWorkerSeconds = time(1);
  const twoWorkersSeconds = time(2);
  return { runs: 8, oneWorkerSeconds, twoWorkersSeconds, ratio: twoWorkersSeconds / oneWorkerSeconds };
}
