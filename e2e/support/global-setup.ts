import { startServer } from './flatnet-server';

export default async function globalSetup() {
  const server = await startServer();
  process.env.FLATNET_E2E_URL = server.url;
  process.env.FLATNET_E2E_PID = String(server.pid);
  (globalThis as Record<string, unknown>).__flatnetServer = server;
}
