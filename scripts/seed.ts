import { initDatabase } from "../db/bootstrap";
import { seed } from "../db/seed";
import { parseEnv } from "../app/env.server";

/** `npm run db:seed`: applies migrations then (re)writes the demo data; safe to run again. */
const env = parseEnv();
const handle = await initDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, demo: false });
await seed(handle.db);
await handle.close();
console.log("Données de démonstration à jour.");
