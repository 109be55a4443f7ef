// Bundles the engine's two entry points (labsh, labctl) into single ESM files in lab-engine/dist.
// One file per child keeps labsh's start-up cheap: the gateway spawns one per lab attempt, and
// resolving hundreds of modules at each spawn would eat the "lab ready" budget.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: { labsh: 'labsh/labsh-main.ts', labctl: 'labs/labctl.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
  // Certificates are built and decoded with @peculiar/x509, imported dynamically only by openssl:
  // left external, it stays out of the bundle every session parses and loads from node_modules.
  external: ['@peculiar/x509', 'reflect-metadata'],
  // Smaller source text is less for V8 to hold and parse in every one of 200 children.
  minify: true,
  keepNames: true,
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __flatnetCreateRequire } from 'node:module'; const require = __flatnetCreateRequire(import.meta.url);" },
});
