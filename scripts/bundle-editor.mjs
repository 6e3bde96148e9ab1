// Bundles the dashboard's PromQL editor (CodeMirror with codemirror-promql) into one minified ES
// module beside the dashboard nest build copied to dist/. Run by `npm run build`, after nest build.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(root, 'dist/apps/api/dashboard/assets/vendor/promql-editor.js');

/*
 * CodeMirror injects its styles through style-mod, which uses a <style> element for a document
 * (refused by the dashboard's `style-src 'self'`) and a constructable stylesheet only inside a
 * shadow root. Constructable stylesheets are not inline styles under CSP, so the document gets one
 * too: the policy stays strict. The patch must apply, or the build fails (a new style-mod must be
 * looked at again).
 */
const ADOPT_IN_DOCUMENT = {
  name: 'style-mod-adopted-sheets',
  setup(b) {
    b.onLoad({ filter: /style-mod[\\/]src[\\/]style-mod\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const test = '!root.head && root.adoptedStyleSheets && win.CSSStyleSheet';
      if (!source.includes(test)) throw new Error(`style-mod changed: "${test}" not found in ${args.path}`);
      return { contents: source.replace(test, 'root.adoptedStyleSheets && win.CSSStyleSheet'), loader: 'js' };
    });
  },
};

await build({
  entryPoints: [join(root, 'apps/api/editor/promql-editor.entry.mjs')],
  outfile: OUT,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  legalComments: 'eof',
  plugins: [ADOPT_IN_DOCUMENT],
  logLevel: 'warning',
});
console.log(`bundled the PromQL editor into ${OUT}`);
