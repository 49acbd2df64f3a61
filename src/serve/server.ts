// `groklab serve`: the live store, the app, and an HTTP server on 127.0.0.1 unless told otherwise.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { isLoopback, newToken } from './access.js';
import { dashboardApp } from './app.js';
import { makeRoots } from './catalog.js';
import { LiveStore } from './live.js';

export interface ServeOptions {
  roots: string[];
  host?: string;
  /** 0 picks a free port */
  port?: number;
  /** on a non-loopback host; generated when not given */
  token?: string;
}

export interface Dashboard {
  url: string;
  /** the URL to open: with the token when one is required */
  openUrl: string;
  token: string | null;
  store: LiveStore;
  close(): Promise<void>;
}

export async function startDashboard(opts: ServeOptions): Promise<Dashboard> {
  const host = opts.host ?? '127.0.0.1';
  const token = isLoopback(host) ? (opts.token ?? null) : (opts.token ?? newToken());
  const store = new LiveStore(makeRoots(opts.roots.length ? opts.roots : ['.'])).open({ watch: true });
  const app = dashboardApp({ store, token, host });
  const server = await new Promise<Server>((resolveServer, reject) => {
    const s = serve({ fetch: app.fetch, hostname: host, port: opts.port ?? 0 }, () => resolveServer(s as Server)) as Server;
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}/`;
  return {
    url,
    openUrl: token ? `${url}?token=${token}` : url,
    token,
    store,
    close: () =>
      new Promise<void>((done) => {
        store.close();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
