#!/usr/bin/env node
// labsh: runs the bundled engine (lab-engine/dist, built by `npm install`/`npm run build`),
// or the TypeScript sources through tsx when no bundle exists yet.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/labsh.cjs', import.meta.url));
if (existsSync(bundle)) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../labsh/labsh-main.ts', import.meta.url).href);
}
