import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { openDatabase, type DatabaseHandle } from "./client";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** Applies the committed SQL migrations; on PostgreSQL, under an advisory lock so two instances never race. */
export async function runMigrations(handle: DatabaseHandle, databaseUrl?: string) {
  if (handle.engine === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  if (!databaseUrl) throw new Error("runMigrations: l'URL PostgreSQL est requise.");
  // Unnamed statements: a transaction pooler (PgBouncer) does not keep named ones across transactions.
  const single = await openDatabase({ engine: "postgres", url: databaseUrl, max: 1, prepare: false });
  try {
    // drizzle's migrator, in one transaction under a transaction-level advisory lock: behind a
    // transaction pooler, a session-level lock and its unlock, two statements, may land on two
    // server connections and leave the lock held for good.
    const migrations = readMigrationFiles({ migrationsFolder });
    await single.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(727274)`);
      await tx.execute(sql`create schema if not exists drizzle`);
      await tx.execute(sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`);
      const [last] = (await tx.execute(sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`)) as unknown as { created_at: string }[];
      for (const migration of migrations) {
        if (last && Number(last.created_at) >= migration.folderMillis) continue;
        for (const statement of migration.sql) await tx.execute(sql.raw(statement));
        await tx.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`);
      }
    });
  } finally {
    await single.close();
  }
}
