// Rewrites the engine's split ESM build as CommonJS, file for file: the gateway spawns one labsh
// per lab attempt, and a Node process that loads only CommonJS never starts the ESM loader, which
// costs each process about 3 MB (2 MB of the node binary's pages and 1 MB of heap; measured on
// Node 20: an idle script holds 40.2 MB as .cjs and 43.2 MB as .mjs).
//
// esbuild splits code only for ESM, so the bundle is built as ESM first (chunks, lazy commands)
// and each output file is then transformed on its own: static imports become require() of the
// sibling .cjs file, import() becomes a deferred require() (a command's chunk still loads on
// first use), import.meta.url becomes this file's URL. Nothing is bundled twice.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from 'esbuild';

/** The banner the ESM build puts on every chunk; CommonJS has its own require(). */
export const ESM_REQUIRE_BANNER = "import { createRequire as __flatnetCreateRequire } from 'node:module'; const require = __flatnetCreateRequire(import.meta.url);";

const FILE_URL = '__flatnetFileUrl';

/** `"./chunks/x.mjs"` and `"./x.mjs"`: the specifiers the ESM build writes between its own files. */
const SIBLING = /(["'])(\.\.?\/[\w./-]+)\.mjs\1/g;

/** @param {string} code one ESM output file */
export async function toCommonJs(code) {
  if (!code.startsWith(ESM_REQUIRE_BANNER)) throw new Error('engine build: an output file lacks the expected banner');
  const body = code.slice(ESM_REQUIRE_BANNER.length);
  const result = await transform(body, {
    loader: 'js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': FILE_URL },
    banner: `"use strict";const ${FILE_URL}=require("node:url").pathToFileURL(__filename).href;`,
    minifyWhitespace: true,
    logLevel: 'silent',
  });
  return result.code.replace(SIBLING, (_, quote, path) => `${quote}${path}.cjs${quote}`);
}

/** Replaces every .mjs file under `dir` (an engine build) by its CommonJS .cjs twin. */
export async function convertBuild(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath ?? entry.path, entry.name);
    if (entry.name.endsWith('.mjs')) {
      writeFileSync(path.replace(/\.mjs$/, '.cjs'), await toCommonJs(readFileSync(path, 'utf8')));
      rmSync(path);
    }
  }
}
