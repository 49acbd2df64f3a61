// The public API as a user meets it: `import … from 'groklab'` resolved through package.json's
// `exports` (Node's self-reference, against the built dist/ that `npm test` builds first), and
// the files `npm pack` would ship.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Runs an ES module in the package root, where 'groklab' resolves to this package; returns its stdout. */
function asUser(source: string): string {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', source], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return r.stdout;
}

describe("import … from 'groklab'", () => {
  it('trains a run and reads it back through the typed run store', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'groklab-api-')), 'run');
    const printed = asUser(`
      import { train, resolveConfig, RunDir, readSummary, UsageError } from 'groklab';
      const { config } = resolveConfig({ sets: ['task.p=11', 'model.embedDim=8', 'model.hidden=[16]'], steps: 20 });
      const { summary } = await train(config, ${JSON.stringify(out)}, null);
      const run = RunDir.open(${JSON.stringify(out)});
      let usage = false;
      try { resolveConfig({ sets: ['task.name=nope'] }); } catch (e) { usage = e instanceof UsageError; }
      console.log(JSON.stringify({ steps: summary.steps, again: readSummary(run.path).steps, seed: run.readMeta().seed, p: run.readConfig().task.p, usage }));
    `);
    expect(JSON.parse(printed)).toEqual({ steps: 20, again: 20, seed: 0, p: 11, usage: true });
  });

  it('exports the registries, the tensor engine and the subpaths', () => {
    const printed = asUser(`
      import { T, optimizerRegistry, modelConfigSchema, taskConfigSchema, resume } from 'groklab';
      import { tensor } from 'groklab/tensor';
      import { key } from 'groklab/random';
      const x = T.tensor([1, 2, 3], [3]);
      console.log(JSON.stringify({
        sum: T.sum(T.mul(x, x)).item(),
        same: tensor === T.tensor,
        key: typeof key + ' ' + typeof resume,
        adamw: 'adamw' in optimizerRegistry,
        mlp: modelConfigSchema.options.some((o) => o.shape.name.value === 'mlp'),
        modular: taskConfigSchema.options.some((o) => o.shape.name.value === 'modular'),
      }));
    `);
    expect(JSON.parse(printed)).toEqual({ sum: 14, same: true, key: 'function function', adamw: true, mlp: true, modular: true });
  });

  it('ships every export target and its types in the package, and no test code', () => {
    const pack = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' })) as {
      files: { path: string }[];
    }[];
    const files = new Set(pack[0].files.map((f) => f.path));
    const exportsMap = JSON.parse(execFileSync(process.execPath, ['-p', "JSON.stringify(require('./package.json').exports)"], { cwd: root, encoding: 'utf8' }));
    const targets = Object.values(exportsMap).flatMap((t) => (typeof t === 'string' ? [t] : Object.values(t as Record<string, string>)));
    for (const target of targets) expect(files, target).toContain(target.replace(/^\.\//, ''));
    expect(files).toContain('build/kernels.wasm');
    // What tsc compiles into dist/ (tsconfig.build.json): no tests and no test helpers.
    const compiled = JSON.parse(
      execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--showConfig'], {
        cwd: root,
        encoding: 'utf8',
      }),
    ).files as string[];
    expect(compiled.length).toBeGreaterThan(100);
    expect(compiled.filter((f) => /\.test\.ts$|testing\.ts$/.test(f))).toEqual([]);
  });
});
