#!/usr/bin/env node
// labctl: runs the bundled engine (lab-engine/dist, built by `npm install`/`npm run build`),
// or the TypeScript sources through tsx when no bundle exists yet.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/labctl.cjs', import.meta.url));
let main;
if (existsSync(bundle)) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(new URL('../labs/labctl.ts', import.meta.url).href));
}
main(process.argv.slice(2)).then(
  // Exit once stdout has drained, so a large --json report is never cut short.
  (code) => process.stdout.write('', () => process.exit(code)),
  (error) => {
    process.stderr.write(`labctl: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
