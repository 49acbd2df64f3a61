// `node src/kernels/build-unless-fresh.mjs <artifact> <source>… -- <command> <args>…`: runs the build
// command only when the artifact is missing or its sources changed since it was built. The
// fingerprint (a SHA-256 of every source file's path and bytes, the command and the Node version,
// whose ABI the native addon is built for) is stored beside the artifact as <artifact>.sources.
// `npm test` builds first, and the kernels then cost nothing unless their sources changed.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const split = process.argv.indexOf('--');
if (split < 4 || split === process.argv.length - 1) {
  console.error('usage: build-unless-fresh.mjs <artifact> <source file or folder>… -- <command> <args>…');
  process.exit(2);
}
const [artifact, ...sources] = process.argv.slice(2, split);
const command = process.argv.slice(split + 1);
const stamp = `${artifact}.sources`;

function files(path) {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => files(join(path, name)));
}

const hash = createHash('sha256').update(`${process.version} ${process.arch}\n${command.join(' ')}\n`);
for (const file of sources.flatMap(files)) hash.update(`${relative('.', file)}\n`).update(readFileSync(file));
const fingerprint = hash.digest('hex');

if (existsSync(artifact) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === fingerprint) {
  console.log(`groklab: ${artifact} is up to date with its sources`);
  process.exit(0);
}
const run = spawnSync(command[0], command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' });
if (run.status !== 0) process.exit(run.status ?? 1);
// A build that exits 0 without its artifact (the native addon without a compiler) is retried next time.
if (existsSync(artifact)) writeFileSync(stamp, `${fingerprint}\n`);
