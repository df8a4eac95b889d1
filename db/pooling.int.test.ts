import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { db, openDatabase, preparedPerDatabase, type DatabaseHandle, type Executor } from "./client";
import { migrationsFolder, runMigrations } from "./migrate";
import { invitations, tenants } from "./schema";
import { withDatabase } from "./testing/global-setup";
import { inTenant } from "./tenant-context";
import { addMember, makeTenant, makeUser } from "./testing/factories";
import { useTestDatabase } from "./testing/test-database";

/*
 * Tenant isolation on shared connections. Behind a transaction pooler (PgBouncer,
 * pool_mode = transaction) a server connection serves another client as soon as a transaction
 * ends, so the tenant context must live and die with the transaction: two tenants' transactions
 * run interleaved on two connections, each sees only its own rows, and nothing of either is left
 * on a connection once it has committed.
 */
const config = inject("testDatabase");
const onPostgres = config.engine === "postgres";
const through = config.engine === "postgres" && config.poolerUrl ? "through the transaction pooler" : "directly on PostgreSQL";
const ROUNDS = 50;

const testDb = useTestDatabase();

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

type Seen = { setting: string; role: string; tenants: string[]; memberships: string[]; invitations: string[] };

/** What a transaction sees of the tenant context and of the tenant tables (RLS does the filtering). */
async function look(tx: Executor): Promise<Seen> {
  const [context] = rowsOf<{ setting: string | null; role: string }>(
    await tx.execute(sql`select current_setting('app.tenant_id', true) as setting, current_user::text as role`),
  );
  const ids = async (query: ReturnType<typeof sql>) => rowsOf<{ id: string }>(await tx.execute(query)).map((r) => r.id);
  return {
    setting: context?.setting ?? "",
    role: context?.role ?? "",
    tenants: [...new Set(await ids(sql`select id::text as id from tenants`))],
    memberships: [...new Set(await ids(sql`select tenant_id::text as id from memberships`))],
    invitations: [...new Set(await ids(sql`select tenant_id::text as id from invitations`))],
  };
}

/** A promise resolved from outside: the barrier between the two transactions. */
function signal() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

function within<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms (the two transactions did not run side by side)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe.skipIf(!onPostgres)(`tenant context under connection pooling (${through})`, () => {
  let second: DatabaseHandle;
  let a: { id: string };
  let b: { id: string };

  beforeAll(async () => {
    a = await makeTenant({ name: "Commune A" });
    b = await makeTenant({ name: "Commune B" });
    for (const tenant of [a, b]) {
      await addMember(tenant.id, (await makeUser()).id, "owner");
      await db()
        .insert(invitations)
        .values({ tenantId: tenant.id, email: `invite-${tenant.id}@exemple.fr`, role: "viewer", tokenHash: `pool-${tenant.id}`, expiresAt: new Date(Date.now() + 86_400_000) });
    }
    // A second handle on the same database (through the pooler when there is one): two
    // connections, so that the two tenants' transactions run at the same time.
    const prepare = process.env.DATABASE_PREPARE ? process.env.DATABASE_PREPARE !== "false" : !(config.engine === "postgres" && config.poolerUrl);
    second = await openDatabase({ engine: "postgres", url: testDb.handle.url!, max: 2, prepare });
  });

  afterAll(async () => {
    await second?.close();
  });

  /** Plain queries on both connections: no tenant id, no tenant role left behind. */
  async function leftovers() {
    const probe = () => second.db.execute(sql`select current_setting('app.tenant_id', true) as setting, current_user::text as role, pg_backend_pid() as pid`);
    const results = await Promise.all([probe(), probe(), probe(), probe()]);
    return results.flatMap((r) => rowsOf<{ setting: string | null; role: string; pid: number }>(r));
  }

  it(`keeps ${ROUNDS} rounds of two interleaved tenants apart, and leaves nothing on the connections`, async () => {
    const mismatches: string[] = [];
    const backends = new Set<number>();
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate who opens first: the first sets its context, waits for the other to run a whole
      // transaction on the other connection, then reads.
      const [first, other] = round % 2 === 0 ? [a, b] : [b, a];
      const firstReady = signal();
      const otherDone = signal();
      const [seenFirst, seenOther] = await within(
        Promise.all([
          inTenant(second.db, first.id, async (tx) => {
            firstReady.resolve();
            await otherDone.promise;
            return look(tx);
          }),
          (async () => {
            await firstReady.promise;
            try {
              return await inTenant(second.db, other.id, look);
            } finally {
              otherDone.resolve();
            }
          })(),
        ]),
        `round ${round}`,
      );
      for (const [tenant, seen] of [
        [first, seenFirst],
        [other, seenOther],
      ] as const) {
        const expected: Seen = { setting: tenant.id, role: "app_tenant", tenants: [tenant.id], memberships: [tenant.id], invitations: [tenant.id] };
        if (JSON.stringify(seen) !== JSON.stringify(expected)) mismatches.push(`round ${round}, tenant ${tenant.id}: ${JSON.stringify(seen)}`);
      }
      for (const row of await leftovers()) {
        backends.add(row.pid);
        if ((row.setting ?? "") !== "" || row.role === "app_tenant") mismatches.push(`round ${round}, after commit: ${JSON.stringify(row)}`);
      }
    }
    expect(mismatches).toEqual([]);
    // The probes did reach more than one server connection.
    expect(backends.size).toBeGreaterThan(1);
  });

  it("runs a query built once (as the session read is) on both connections, between the tenants' transactions", async () => {
    // Through the pooler (DATABASE_PREPARE=false) it is sent unnamed: a named, server-side prepared
    // statement would be missing on the next server connection (the driver then resends it).
    const nameOf = preparedPerDatabase("pooling_tenant_name", (database) => database.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, sql.placeholder("id"))));
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        i % 3 === 2
          ? inTenant(second.db, i % 2 ? a.id : b.id, async (tx) => (await look(tx)).tenants.length)
          : nameOf(second.db)
              .execute({ id: i % 2 ? a.id : b.id })
              .then((rows) => rows[0]?.name),
      ),
    );
    answers.forEach((answer, i) => expect(answer).toBe(i % 3 === 2 ? 1 : i % 2 ? "Commune A" : "Commune B"));
  });

  it("leaves nothing behind after a transaction that fails either", async () => {
    const failures = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        inTenant(second.db, i % 2 === 0 ? a.id : b.id, async (tx) => {
          await tx.execute(sql`select 1`);
          throw new Error("échec volontaire");
        }),
      ),
    );
    expect(failures.every((f) => f.status === "rejected")).toBe(true);
    const rows = await leftovers();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => (r.setting ?? "") !== "" || r.role === "app_tenant")).toEqual([]);
  });
});

describe.skipIf(!onPostgres)(`migrations under connection pooling (${through})`, () => {
  it("migrates an empty database, two instances at once, and leaves no advisory lock held", async () => {
    if (config.engine !== "postgres") return;
    const name = `ec_test_migrate_${randomBytes(6).toString("hex")}`;
    const admin = postgres(config.serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = withDatabase(config.poolerUrl ?? config.serverUrl, name);
    const handle = await openDatabase({ engine: "postgres", url, max: 2, prepare: false });
    try {
      await Promise.all([runMigrations(handle, url), runMigrations(handle, url)]);
      const applied = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`));
      expect(applied[0]?.n).toBe(readMigrationFiles({ migrationsFolder }).length);
      const forced = rowsOf<{ forced: boolean }>(await handle.db.execute(sql`select relforcerowsecurity as forced from pg_class where relname = 'tenants'`));
      expect(forced[0]?.forced).toBe(true);
      const locks = await admin`
        select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
        where l.locktype = 'advisory' and d.datname = ${name}`;
      expect(locks[0]?.n).toBe(0);
    } finally {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});

describe.skipIf(onPostgres)("tenant context under connection pooling", () => {
  it.skip("needs a PostgreSQL server: PGlite has a single connection, nothing is pooled (run with DATABASE_URL=postgres://…)", () => {});
});
