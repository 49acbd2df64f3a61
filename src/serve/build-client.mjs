// Bundles the dashboard's browser code (src/serve/client/main.ts, uPlot and the CSS) into
// dist/serve/client/app.js and app.css: two files the server sends and `groklab export html`
// inlines, so nothing is fetched at run time and no import map (an inline script) is needed.
import { build } from 'esbuild';

await build({
  entryPoints: { app: 'src/serve/client/main.ts' },
  outdir: 'dist/serve/client',
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
