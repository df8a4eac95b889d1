import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { openDatabase, type DatabaseHandle } from "./client";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** Applies the committed SQL migrations; on PostgreSQL, under an advisory lock so two instances never race. */
export async function runMigrations(handle: DatabaseHandle, databaseUrl?: string) {
  if (handle.engine === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  if (!databaseUrl) throw new Error("runMigrations: l'URL PostgreSQL est requise.");
  const single = await openDatabase({ engine: "postgres", url: databaseUrl, max: 1 });
  try {
    await single.db.execute(sql`select pg_advisory_lock(727274)`);
    await migratePostgres(single.db as unknown as PostgresJsDatabase, { migrationsFolder });
    await single.db.execute(sql`select pg_advisory_unlock(727274)`);
  } finally {
    await single.close();
  }
}
