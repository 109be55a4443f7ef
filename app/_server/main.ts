// `npm start` / `npm run dev`: starts Flatnet on PORT (default 3000) and shuts down cleanly on
// SIGINT/SIGTERM: /readyz turns 503 (for FLATNET_DRAIN_DELAY_MS first, default 0), terminals
// close with 1012 and every live lab session is saved. Kept thin: server.ts composes.

import { fileURLToPath } from 'node:url';
import { startFlatnetServer } from './server';

const dev = process.argv.includes('--dev');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? 'localhost';
const dir = fileURLToPath(new URL('../..', import.meta.url));
const drainDelayMs = Number(process.env.FLATNET_DRAIN_DELAY_MS ?? 0);
if (!Number.isInteger(drainDelayMs) || drainDelayMs < 0 || drainDelayMs > 300_000) {
  console.error('[flatnet] FLATNET_DRAIN_DELAY_MS must be a whole number of milliseconds from 0 to 300000');
  process.exit(2);
}

const flatnet = await startFlatnetServer({ port, hostname, dev, dir, drainDelayMs });
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
