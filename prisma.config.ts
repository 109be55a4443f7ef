// Prisma CLI configuration (Prisma 7 reads the datasource URL here, not from schema.prisma).
// Only `prisma generate` runs through the CLI on Flatnet's offline machines; migrations are made
// and applied by scripts/db-migrate-new.mjs and scripts/db-setup.mjs with the WASM schema engine.

import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/flatnet.db' },
});
