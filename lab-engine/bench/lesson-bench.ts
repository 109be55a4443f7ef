// Lesson page TTFB from the production server (needs `npm run build` first; skipped, and so
// absent from the results, when there is no build).

import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../e2e/support/flatnet-server';
import { percentile, round } from './stats';

const root = fileURLToPath(new URL('../..', import.meta.url));

function ttfb(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, (res) => {
      res.once('data', () => resolve(performance.now() - started));
      res.resume();
    });
    req.on('error', reject);
    req.end();
  });
}

export async function benchLesson(path = '/learn/pod-network/pod-network-model') {
  if (!existsSync(`${root}/.next/BUILD_ID`)) return {};
  const server = await startServer();
  try {
    for (let i = 0; i < 10; i++) await ttfb(server.url + path);
    const samples: number[] = [];
    for (let i = 0; i < 100; i++) samples.push(await ttfb(server.url + path));
    return { lessonTtfbMs: { p50: round(percentile(samples, 50), 2), p95: round(percentile(samples, 95), 2) } };
  } finally {
    await server.stop();
  }
}
