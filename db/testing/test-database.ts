import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { openDatabase, setDatabase, type DatabaseHandle } from "../client";
import { withDatabase } from "./global-setup";

/**
 * Opens a fresh, migrated database copied from the run's template. On PostgreSQL the database is
 * created and dropped on the server directly; the returned handle connects through the pooler
 * when one is configured (TEST_DATABASE_POOLER_URL), and `url` is the address it connects to.
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const config = inject("testDatabase");
  if (config.engine === "pglite") {
    const blob = new Blob([readFileSync(config.templateFile)]);
    return openDatabase({ engine: "pglite", loadDataDir: blob });
  }
  const name = `ec_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(config.serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template ${config.templateName}`);
  await admin.end();
  const url = withDatabase(config.poolerUrl ?? config.serverUrl, name);
  const handle = await openDatabase({
    engine: "postgres",
    url,
    max: Number(process.env.DATABASE_POOL_MAX ?? 10),
    // A transaction pooler cannot keep named prepared statements (PgBouncer < 1.21).
    prepare: process.env.DATABASE_PREPARE ? process.env.DATABASE_PREPARE !== "false" : !config.poolerUrl,
  });
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      const cleanup = postgres(config.serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** Registers a fresh database as the process-wide one for the current test file. */
export function useTestDatabase() {
  let handle: (DatabaseHandle & { url?: string }) | undefined;
  beforeAll(async () => {
    handle = await createTestDatabase();
    setDatabase(handle);
  });
  afterAll(async () => {
    setDatabase(undefined);
    await handle?.close();
  });
  return {
    get handle() {
      if (!handle) throw new Error("test database not ready");
      return handle;
    },
  };
}
