import path from "node:path";
import { openDatabase, setDatabase, type DatabaseHandle } from "./client";
import { runMigrations } from "./migrate";
import { isEmpty, seed } from "./seed";

export type BootstrapOptions = { databaseUrl?: string; dataDir: string; demo: boolean; poolMax?: number; prepare?: boolean };

/**
 * Opens the process's database (PostgreSQL when a URL is given, embedded PGlite otherwise),
 * applies migrations, and seeds demo data into an empty demo database.
 */
export async function initDatabase(options: BootstrapOptions): Promise<DatabaseHandle> {
  const handle = options.databaseUrl
    ? await openDatabase({ engine: "postgres", url: options.databaseUrl, max: options.poolMax, prepare: options.prepare })
    : await openDatabase({ engine: "pglite", dataDir: path.resolve(options.dataDir, "pglite") });
  await runMigrations(handle, options.databaseUrl);
  setDatabase(handle);
  if (options.demo && (await isEmpty(handle.db))) {
    await seed(handle.db);
    console.log(JSON.stringify({ level: "info", msg: "demo data seeded" }));
  }
  return handle;
}
