import { newDatabaseUrl, startServer } from './flatnet-server';

/** The instructor the e2e server seeds (FLATNET_INSTRUCTOR_*), for specs that act as staff. */
export const E2E_INSTRUCTOR = { email: 'instructor@e2e.flatnet.test', password: 'e2e instructor password' } as const;

export default async function globalSetup() {
  const databaseUrl = newDatabaseUrl();
  const server = await startServer({
    databaseUrl,
    env: { FLATNET_INSTRUCTOR_EMAIL: E2E_INSTRUCTOR.email, FLATNET_INSTRUCTOR_PASSWORD: E2E_INSTRUCTOR.password },
  });
  process.env.FLATNET_E2E_URL = server.url;
  process.env.FLATNET_E2E_PID = String(server.pid);
  // Specs that must set something up outside the browser (an admin from the command line) use it.
  process.env.FLATNET_E2E_DATABASE_URL = databaseUrl;
  (globalThis as Record<string, unknown>).__flatnetServer = server;
}
