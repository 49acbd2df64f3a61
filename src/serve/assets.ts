// The browser side: one script and one stylesheet, bundled by esbuild at build time (uPlot
// included), served by the dashboard and inlined by `groklab export html`.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// From src/serve/ (tests) and from dist/serve/ (the CLI) alike, this names dist/serve/client/.
const CLIENT_DIR = fileURLToPath(new URL('../../dist/serve/client/', import.meta.url));

export interface ClientAssets {
  js: string;
  css: string;
}

let cached: ClientAssets | null = null;

export function clientAssets(): ClientAssets {
  if (cached) return cached;
  const js = `${CLIENT_DIR}app.js`;
  const css = `${CLIENT_DIR}app.css`;
  if (!existsSync(js) || !existsSync(css)) throw new Error(`the dashboard's client is not built (${js}); run \`npm run build\``);
  cached = { js: readFileSync(js, 'utf8'), css: readFileSync(css, 'utf8') };
  return cached;
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** One page shell for the served and the exported page; `head` is what loads the client. */
function page(title: string, head: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
${head}
</head>
<body><div id="app"></div></body>
</html>
`;
}

/** The served page: no inline script or style, so the Content-Security-Policy can forbid both. */
export function servedPage(title: string): string {
  return page(title, '<link rel="stylesheet" href="/assets/app.css">\n<script type="module" src="/assets/app.js"></script>');
}

/** JSON that can sit inside a <script> element: no "</script", no "<!--". */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A page that carries its data and code: opens from a file, offline. */
export function selfContainedPage(title: string, data: unknown): string {
  const { js, css } = clientAssets();
  return page(
    title,
    [
      `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`,
      `<script type="application/json" id="groklab-data">${scriptSafeJson(data)}</script>`,
      `<script type="module">${js.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--')}</script>`,
    ].join('\n'),
  );
}
