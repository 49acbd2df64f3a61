// The dashboard's HTTP surface: the page, its bundled client, a read-only JSON API over the
// live store, server-sent events for what changed, and the figures under the roots. GET and
// HEAD only: no request writes or deletes anything.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { streamSSE } from 'hono/streaming';
import { bearer, hostName, isLoopback, sameToken, TOKEN_COOKIE } from './access.js';
import type { LiveMessage } from './api-types.js';
import { clientAssets, servedPage } from './assets.js';
import type { Entry } from './catalog.js';
import type { LiveStore } from './live.js';
import { decodeSegments, resolveUnder, SERVED_TYPES } from './safe-path.js';

export interface AppOptions {
  store: LiveStore;
  /** required on every request when set (a non-loopback address) */
  token: string | null;
  /** the address bound: on loopback, requests must name a loopback host */
  host: string;
}

/** Bucket count for a chart this many pixels wide: a few points per pixel column. */
const bucketsFor = (width: string | undefined) => Math.max(50, Math.min(4000, Math.round(Number(width) || 1200)));
const HEARTBEAT_MS = 15_000;

export function dashboardApp({ store, token, host }: AppOptions): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.text('the dashboard is read-only', 405, { Allow: 'GET, HEAD' });
    if (isLoopback(host) && !isLoopback(hostName(c.req.header('host')))) return c.text('requests must address this machine by a loopback name', 403);
    if (token !== null) {
      const fromQuery = c.req.query('token');
      const given = bearer(c.req.header('authorization')) ?? fromQuery ?? getCookie(c, TOKEN_COOKIE);
      if (!sameToken(given, token)) return c.text('a token is required: open the URL that `groklab serve` printed', 401);
      // The page's own requests (script, API, events) then carry the token as a cookie.
      if (fromQuery !== undefined) setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
    }
    await next();
  });

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        connectSrc: ["'self'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      // Plain HTTP on this machine: no HSTS, which would pin the name to HTTPS.
      strictTransportSecurity: false,
      xFrameOptions: 'DENY',
      crossOriginResourcePolicy: 'same-origin',
    }),
  );

  app.get('/', (c) => c.html(servedPage('groklab')));
  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('/assets/app.js', (c) => c.body(clientAssets().js, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/assets/app.css', (c) => c.body(clientAssets().css, 200, { 'Content-Type': 'text/css; charset=utf-8' }));

  app.get('/api/store', (c) => c.json(store.listing()));

  app.get('/api/run', (c) => {
    const detail = store.runDetail(c.req.query('id') ?? '', bucketsFor(c.req.query('width')));
    return detail ? c.json(detail) : c.json({ error: 'no such run' }, 404);
  });

  app.get('/api/sweep', (c) => {
    const detail = store.sweepDetail(c.req.query('id') ?? '');
    return detail ? c.json(detail) : c.json({ error: 'no such sweep' }, 404);
  });

  app.get('/api/report', (c) => {
    const detail = store.reportDetail(c.req.query('id') ?? '', (entry, rel) => fileUrl(store, entry, rel));
    return detail ? c.json(detail) : c.json({ error: 'no such report' }, 404);
  });

  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      const send = (message: LiveMessage) => void stream.writeSSE({ event: message.type, data: JSON.stringify(message) });
      store.on('message', send);
      await stream.writeSSE({ event: 'hello', data: '{}' });
      await new Promise<void>((done) => {
        const beat = setInterval(() => void stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
        stream.onAbort(() => {
          clearInterval(beat);
          store.off('message', send);
          done();
        });
      });
    }),
  );

  // /files/<root index>/<path under that root>: the figures a report shows.
  app.get('/files/:root/*', (c) => {
    const root = store.catalog.roots[Number(c.req.param('root'))];
    const prefix = `/files/${c.req.param('root')}/`;
    const raw = new URL(c.req.url).pathname;
    const segments = root && raw.startsWith(prefix) ? decodeSegments(raw.slice(prefix.length)) : null;
    if (!root || !segments) return c.text('not found', 404);
    const file = resolveUnder(root, segments);
    if (!file) return c.text('not found', 404);
    return c.body(readFileSync(file), 200, {
      'Content-Type': SERVED_TYPES[extname(file).toLowerCase()],
      // An SVG opened on its own runs no script.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
  });

  app.notFound((c) => c.text('not found', 404));
  return app;
}

/** The URL of a file inside an entry's directory, or null when it is under no root. */
export function fileUrl(store: LiveStore, entry: Entry, rel: string): string | null {
  const index = store.catalog.roots.findIndex((r) => entry.path === r.path || entry.path.startsWith(`${r.path}/`));
  if (index < 0) return null;
  const under = `${entry.path.slice(store.catalog.roots[index].path.length)}/${rel}`.split('/').filter(Boolean);
  return `/files/${index}/${under.map(encodeURIComponent).join('/')}`;
}
