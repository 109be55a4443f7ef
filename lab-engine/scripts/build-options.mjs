// esbuild options for the engine's two entry points (labsh, labctl), shared by the build and by
// the test that checks an idle labsh loads no command (bundle-split.test.ts).
//
// ESM with code splitting: each entry's own chunk holds the REPL, the interpreter and the
// simulation core; every command (and zod, yaml, the lab schema, completion) is a chunk of its
// own that Node loads the first time it is import()ed. The gateway spawns one labsh per lab
// attempt, so what an idle labsh never runs should not be parsed and held by each of them.
//
// What labsh loads at start is one chunk, not ~30 (buildEngine): esbuild puts each file in the
// chunk of the set of entries (and import() targets) that reach it, so the start code was cut
// into as many pieces as there are command groups sharing different parts of it. Node's ESM
// loader allocates per module (records, URLs, reads, a require() per chunk), about 1.1 MB of
// an idle session's RSS for those 30 pieces (measured under the gateway).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

/**
 * yaml's Node build is CommonJS, and a split bundle's import() of a CommonJS chunk yields only its
 * `default`: `const { parse } = await import('yaml')` (kubectl apply, -o yaml, patch) would get
 * undefined. Every `yaml` import goes through this ESM face instead, which names the very exports
 * the installed yaml has, so the same Node build is bundled and behaves as under tsx.
 * @param {string} root
 * @returns {import('esbuild').Plugin}
 */
function yamlAsEsm(root) {
  const names = Object.keys(createRequire(`${root}/`)('yaml')).filter((n) => n !== 'default' && /^[A-Za-z_$][\w$]*$/.test(n));
  return {
    name: 'yaml-as-esm',
    setup(build) {
      build.onResolve({ filter: /^yaml$/ }, (args) => (args.namespace === 'yaml-as-esm' ? undefined : { path: 'yaml', namespace: 'yaml-as-esm' }));
      build.onLoad({ filter: /.*/, namespace: 'yaml-as-esm' }, () => ({
        contents: `import * as yaml from 'yaml';\nexport default yaml;\nexport const { ${names.join(', ')} } = yaml;\n`,
        resolveDir: root,
      }));
    },
  };
}

/** @param {string} root the lab-engine folder */
export function engineBuildOptions(root) {
  return /** @type {import('esbuild').BuildOptions} */ ({
    absWorkingDir: root,
    entryPoints: { labsh: 'labsh/labsh-main.ts', labctl: 'labs/labctl.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // No source maps: the files are rewritten as CommonJS after the build (commonjs-output.mjs).
    sourcemap: false,
    logLevel: 'warning',
    legalComments: 'none',
    metafile: true,
    plugins: [yamlAsEsm(root)],
    // Certificates are built and decoded with @peculiar/x509, imported dynamically only by openssl:
    // left external, it stays out of the bundle every session parses and loads from node_modules.
    external: ['@peculiar/x509', 'reflect-metadata'],
    // Smaller source text is less for V8 to hold and parse in every one of 200 children.
    // Without keepNames: esbuild's __name() on every function turned ~2,000 of them into
    // dictionary-mode objects (about 0.5 MB of each child's heap, measured); nothing reads
    // function or class names.
    minify: true,
    // Some dependencies are CommonJS and call require(); give every ESM chunk one.
    banner: { js: "import { createRequire as __flatnetCreateRequire } from 'node:module'; const require = __flatnetCreateRequire(import.meta.url);" },
  });
}

/** The source files (relative to lab-engine/) bundled into an entry's own chunk and the chunks it imports statically: what starting that entry loads. */
export function loadedAtStart(metafile, entry) {
  const outputs = metafile.outputs;
  const start = Object.keys(outputs).find((o) => outputs[o].entryPoint === entry);
  if (!start) throw new Error(`no output for entry ${entry}`);
  const seen = new Set();
  const inputs = new Set();
  const visit = (output) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const input of Object.keys(outputs[output].inputs)) inputs.add(input);
    for (const imported of outputs[output].imports) if (imported.kind === 'import-statement' && outputs[imported.path]) visit(imported.path);
  };
  visit(start);
  return inputs;
}

/** The input files labsh starts with (but its entry) and every file an import() reaches first. */
function startAndLazyFiles(metafile) {
  // Packages stay out of the barrel: an import for side effects of a `"sideEffects": false`
  // package is dropped (with a warning); esbuild places them by their real importers anyway.
  const start = [...loadedAtStart(metafile, 'labsh/labsh-main.ts')].filter((f) => f !== 'labsh/labsh-main.ts' && !f.includes(':') && !f.includes('node_modules/'));
  const lazy = new Set();
  for (const input of Object.values(metafile.inputs)) {
    for (const imported of input.imports) if (imported.kind === 'dynamic-import' && !imported.external) lazy.add(imported.path);
  }
  return { start, lazy };
}

/**
 * Every file an import() reaches first also imports, for its side effects, a module that imports
 * every file labsh starts with. Those files are then reached by the same set of entries, so
 * esbuild keeps them in one chunk. Nothing runs differently: labsh has evaluated all of them
 * before its first import(), and labctl, which does not start a REPL, merely loads them too.
 * @param {string} root
 * @param {{ start: string[], lazy: Set<string> }} files
 * @returns {import('esbuild').Plugin}
 */
function oneStartChunk(root, { start, lazy }) {
  const barrel = 'flatnet-labsh-start';
  return {
    name: 'one-start-chunk',
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${barrel}$`) }, () => ({ path: barrel, namespace: barrel }));
      b.onLoad({ filter: /.*/, namespace: barrel }, () => ({ contents: start.map((f) => `import ${JSON.stringify(join(root, f))};`).join('\n'), resolveDir: root }));
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!lazy.has(relative(root, args.path))) return undefined;
        return { contents: `${readFileSync(args.path, 'utf8')}\nimport '${barrel}';\n`, loader: 'ts' };
      });
    },
  };
}

/**
 * Builds the engine as build.mjs writes it: a first pass finds what labsh starts with, the second
 * keeps that in one chunk. `overrides` go to both passes (the test builds in memory).
 * @param {string} root the lab-engine folder
 * @param {import('esbuild').BuildOptions} [overrides]
 */
export async function buildEngine(root, overrides = {}) {
  const options = { ...engineBuildOptions(root), ...overrides };
  const first = await build({ ...options, write: false, sourcemap: false, metafile: true });
  return build({ ...options, metafile: true, plugins: [...options.plugins, oneStartChunk(root, startAndLazyFiles(first.metafile))] });
}
