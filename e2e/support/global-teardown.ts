import type { RunningServer } from './flatnet-server';

export default async function globalTeardown() {
  const server = (globalThis as Record<string, unknown>).__flatnetServer as RunningServer | undefined;
  await server?.stop();
}
