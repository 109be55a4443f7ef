// Bundles the engine's two entry points (labsh, labctl) into lab-engine/dist: dist/labsh.cjs and
// dist/labctl.cjs, plus dist/chunks/ (see build-options.mjs; built as split ESM, then rewritten
// as CommonJS by commonjs-output.mjs). The gateway spawns one labsh per lab
// attempt: bundled, it starts from a few dozen files rather than hundreds of modules (the "lab
// ready" budget), and the chunks it does not need at start (every command) stay unloaded until
// used (the idle-memory budget), and what it starts with is one chunk. dist/meta.json is esbuild's metafile, for size reports
// (`npx esbuild --analyze`-style, or scripts/build-options.mjs's loadedAtStart).
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';
import { buildEngine } from './build-options.mjs';
import { convertBuild } from './commonjs-output.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}/dist`;
const next = `${root}/dist.next`;

// Built beside dist and swapped in whole: a failed build leaves the last good one, and chunks
// (named by content hash) of older builds do not pile up.
rmSync(next, { recursive: true, force: true });
try {
  const result = await buildEngine(root, { outdir: 'dist.next' });
  await convertBuild(next);
  // Paths as they are once swapped in (dist/…, not dist.next/…) and converted (.cjs).
  writeFileSync(`${next}/meta.json`, JSON.stringify(result.metafile).replaceAll('"dist.next/', '"dist/').replace(/\.mjs"/g, '.cjs"'));
  rmSync(dist, { recursive: true, force: true });
  renameSync(next, dist);
} finally {
  rmSync(next, { recursive: true, force: true });
}
