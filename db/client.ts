import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction or the database itself: module functions accept either. */
export type Executor = Parameters<Parameters<Database["transaction"]>[0]>[0] | Database;

export type DatabaseHandle = {
  db: Database;
  engine: "pglite" | "postgres";
  close(): Promise<void>;
  /** Present on PGlite only: used by tests to clone a migrated template. */
  pglite?: PGlite;
};

export type OpenOptions =
  | { engine: "postgres"; url: string; max?: number; prepare?: boolean }
  | { engine: "pglite"; dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.engine === "postgres") {
    const client = postgres(options.url, {
      max: options.max ?? 10,
      prepare: options.prepare ?? true,
      onnotice: () => {},
      // The driver's default backoff counts failures across the whole pool (3^n / 100 s, up to 20 s):
      // after a PostgreSQL restart, connections waited 10 to 20 s to reconnect (docs/reliability.md).
      // Capped at 1 s, jittered.
      backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1) * (0.5 + Math.random() / 2),
      // A connection whose start-up the driver leaves unsent after a restart (postgres 3.4.9) waits
      // this long before it is dropped and retried (default 30 s); a healthy one takes milliseconds.
      connect_timeout: 5,
      connection: { application_name: "experience-citoyen" },
    });
    const db = drizzlePostgres(client, { schema }) as unknown as Database;
    Object.defineProperty(db, SERVER_PREPARE, { value: options.prepare ?? true });
    return { db, engine: "postgres", close: () => client.end({ timeout: 5 }) };
  }
  if (options.dataDir) mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const client = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
  });
  const db = drizzlePglite(client, { schema }) as unknown as Database;
  return { db, engine: "pglite", close: () => client.close(), pglite: client };
}

/*
 * One database handle per process, kept on globalThis: the Express server (run by
 * tsx) and the Remix server bundle each load their own copy of this module, and
 * PGlite must never be opened twice on the same data folder.
 */
const globalKey = Symbol.for("experience-citoyen.database");
type GlobalWithDb = typeof globalThis & { [globalKey]?: DatabaseHandle };

export function setDatabase(handle: DatabaseHandle | undefined) {
  (globalThis as GlobalWithDb)[globalKey] = handle;
}

export function getDatabaseHandle(): DatabaseHandle {
  const handle = (globalThis as GlobalWithDb)[globalKey];
  if (!handle) throw new Error("La base de données n'est pas initialisée (appelez initDatabase au démarrage).");
  return handle;
}

export function db(): Database {
  return getDatabaseHandle().db;
}

/** Whether the database keeps named server-side prepared statements (not through PgBouncer < 1.21). Shared by both copies of this module. */
const SERVER_PREPARE = Symbol.for("experience-citoyen.server-prepare");

/**
 * A query built once per database, then only executed with its placeholders' values: drizzle's
 * building of a select (its SQL text and mapping) costs more than its execution for the small
 * queries every request makes. Only for queries outside a transaction (`tx` has its own client).
 * Named, drizzle makes it a server-side prepared statement, which a transaction pooler before
 * PgBouncer 1.21 cannot keep (`DATABASE_PREPARE=false`): there it is built once but sent unnamed.
 */
export function preparedPerDatabase<Prepared>(name: string, build: (database: Database) => { prepare(name: string): Prepared }): (database?: Database) => Prepared {
  const prepared = new WeakMap<Database, Prepared>();
  return (database = db()) => {
    let query = prepared.get(database);
    if (!query) {
      const builder = build(database);
      const serverSide = (database as unknown as { [SERVER_PREPARE]?: boolean })[SERVER_PREPARE] ?? true;
      // drizzle's unnamed preparation (pinned version; exercised by the PgBouncer run of the integration tests).
      query = serverSide ? builder.prepare(name) : (builder as unknown as { _prepare(): Prepared })._prepare();
      prepared.set(database, query);
    }
    return query;
  };
}
