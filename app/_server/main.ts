// `npm start` / `npm run dev`: starts Flatnet on PORT (default 3000) and shuts down cleanly on
// SIGINT/SIGTERM, snapshotting every live lab session first. Kept thin: server.ts composes.

import { fileURLToPath } from 'node:url';
import { startFlatnetServer } from './server';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? 'localhost';
const dir = fileURLToPath(new URL('../..', import.meta.url));

const flatnet = await startFlatnetServer({ port, hostname, dev, dir });
console.log(`[flatnet] ready on ${flatnet.url}${dev ? ' (development)' : ''}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`[flatnet] ${signal}: saving lab sessions and stopping`);
    flatnet.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
