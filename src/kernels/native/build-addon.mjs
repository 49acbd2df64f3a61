// `npm run build:native`, part of `npm run build` and so of `npm ci` (prepare): compiles the
// native kernels into build/Release/groklab.node with node-gyp (bundled with npm) against this
// Node's own headers, so nothing is downloaded. A missing compiler is not an error: the build
// prints one notice and groklab runs on the wasm backend. The full output goes to
// build/native-build.log either way.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const log = join(root, 'build', 'native-build.log');
const addon = join(root, 'build', 'Release', 'groklab.node');

// npm tells its scripts where its node-gyp is; outside npm, use the one bundled with npm.
const prefix = resolve(dirname(process.execPath), '..');
const gyp = process.env.npm_config_node_gyp ?? join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
const command = [process.execPath, gyp];
// `configure build`, not `rebuild`: rebuild starts by deleting build/, kernels.wasm included.
const args = ['configure', 'build'];
// NOTE: without a nodedir node-gyp downloads headers from nodejs.org. Node installs its
// headers under <prefix>/include/node, so point node-gyp there unless npm already does.
if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node_api.h'))) args.push(`--nodedir=${prefix}`);

mkdirSync(dirname(log), { recursive: true });
const run = spawnSync(command[0], [...command.slice(1), ...args], { cwd: root, encoding: 'utf8' });
writeFileSync(log, `$ ${[...command, ...args].join(' ')}\n${run.stdout ?? ''}${run.stderr ?? ''}${run.error ? `${run.error}\n` : ''}`);
if (run.status === 0) {
  console.log('groklab: built build/Release/groklab.node (native kernels)');
} else {
  // One line on why: the first error the compiler or node-gyp reported.
  const output = `${run.stderr ?? ''}\n${run.stdout ?? ''}\n${run.error ?? ''}`.split('\n');
  const why = (
    output.find((line) => /error|not found|ENOENT/i.test(line) && !/^gyp ERR! /.test(line)) ?? output.find((line) => /^gyp ERR! (stack )?Error/.test(line))
  )
    ?.replace(/^gyp ERR! (stack )?/, '')
    .trim();
  // A stale addon from an earlier build would run old kernels: better none at all.
  rmSync(addon, { force: true });
  console.log(
    `groklab: native addon not built (${why ?? `node-gyp exited with ${run.status}`}); groklab will use the wasm backend — see build/native-build.log`,
  );
}
