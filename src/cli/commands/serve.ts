import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { Dashboard } from '../../serve/server.js';
import { integer } from '../parse.js';

export const DEFAULT_PORT = 8750;

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('a live dashboard over the runs, sweeps and reproductions under DIRs (default: .), in the browser')
    .argument('[dirs...]', 'directories to look for runs, sweeps and reproductions in')
    .option('--host <address>', 'the address to listen on; anything but loopback requires a token', '127.0.0.1')
    .option('--port <n>', `the port (0: any free one)`, integer('--port', 0), DEFAULT_PORT)
    .option('--token <secret>', 'the token every request must carry on a non-loopback --host (default: a new random one, printed)')
    .addHelpText(
      'after',
      [
        '',
        "Read-only: it serves the pages, the runs' data and the figures under DIRs, nothing else.",
        'Curves of a run still training update within a second of each evaluation; new run',
        'directories appear without a reload. Ctrl-C stops it.',
      ].join('\n'),
    )
    .action(async (dirs: string[], opts: { host: string; port: number; token?: string }) => {
      for (const d of dirs) if (!existsSync(d) || !statSync(d).isDirectory()) throw new UsageError(`serve: ${d} is not a directory`);
      if (opts.token !== undefined && opts.token.length < 16) throw new UsageError('--token: at least 16 characters');
      let dashboard: Dashboard;
      try {
        const { startDashboard } = await import('../../serve/server.js');
        dashboard = await startDashboard({ roots: dirs, host: opts.host, port: opts.port, token: opts.token });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE') throw new UsageError(`--port: ${opts.port} is in use; choose another (--port 0 picks a free one)`);
        if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`--host: ${opts.host} is not an address of this machine`);
        throw error;
      }
      const { runs, sweeps, reports } = dashboard.store.listing();
      process.stderr.write(
        `groklab serve: ${runs.length} runs, ${sweeps.length} sweeps, ${reports.length} reproductions under ${(dirs.length ? dirs : ['.']).join(', ')}\n`,
      );
      if (dashboard.token) process.stderr.write(`every request needs the token (it is in the URL below; keep it private)\n`);
      process.stdout.write(`${dashboard.openUrl}\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void dashboard.close().then(done);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
