import { initDatabase } from "../db/bootstrap";
import { parseEnv } from "../app/env.server";

/** `npm run db:migrate`: applies the committed SQL migrations to the configured database. */
const env = parseEnv();
const handle = await initDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, demo: false });
await handle.close();
console.log("Migrations appliquées.");
