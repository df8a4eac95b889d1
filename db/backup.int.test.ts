import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { backupDatabase, BackupError, parseFileArgument, restoreDatabase, type BackupTarget } from "./backup";
import { db, openDatabase, setDatabase, type Database } from "./client";
import { runMigrations } from "./migrate";
import { seed } from "./seed";
import { withDatabase } from "./testing/global-setup";
import { useTestDatabase } from "./testing/test-database";

/*
 * Round trip on the engine of the test run: demo data, backup, damage, restore, and every table
 * counts exactly the rows it had at the backup.
 */

const onPostgres = Boolean(process.env.DATABASE_URL);
const testDb = onPostgres ? useTestDatabase() : null;
const workDir = mkdtempSync(path.join(tmpdir(), "ec-sauvegarde-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function rowsOf<T>(result: unknown): T[] {
  return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}

/** "schema.table" → row count, for every table of the application and of the migration journal. */
async function countAll(database: Database): Promise<Record<string, number>> {
  const tables = rowsOf<{ name: string }>(
    await database.execute(
      sql`select table_schema || '.' || table_name as name from information_schema.tables where table_schema in ('public', 'drizzle') and table_type = 'BASE TABLE' order by 1`,
    ),
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [schema, table] = name.split(".");
    counts[name] = rowsOf<{ n: number }>(await database.execute(sql.raw(`select count(*)::int as n from "${schema}"."${table}"`)))[0]!.n;
  }
  return counts;
}

/** Erases and adds rows across several tables, so the restore has something to undo. */
async function damage(database: Database) {
  await database.execute(sql`delete from audit_answers where tenant_id in (select id from tenants where slug = 'villeurbanne')`);
  await database.execute(sql`delete from practice_bookmarks`);
  await database.execute(sql`delete from laureates`);
  await database.execute(sql`insert into users (email, name) values ('apres-sauvegarde@exemple.fr', 'Ajouté après la sauvegarde')`);
}

describe(`db:backup / db:restore (${onPostgres ? "PostgreSQL" : "PGlite"})`, () => {
  it.runIf(!onPostgres)("PGlite: backs up the data folder, restores it into a new one, and keeps the old one aside", async () => {
    const dataDir = path.join(workDir, "pglite");
    const target: BackupTarget = { engine: "pglite", dataDir };
    const file = path.join(workDir, "sauvegardes", "demo.tar.gz");
    let handle = await openDatabase({ engine: "pglite", dataDir });
    await runMigrations(handle);
    setDatabase(handle);
    await seed(handle.db);
    const before = await countAll(handle.db);
    setDatabase(undefined);
    await handle.close();
    expect(before["public.audit_answers"]).toBeGreaterThan(1000);
    expect(Object.keys(before).length).toBeGreaterThan(30);

    const { bytes } = await backupDatabase(target, file);
    expect(bytes).toBeGreaterThan(100_000);

    handle = await openDatabase({ engine: "pglite", dataDir });
    await damage(handle.db);
    const damaged = await countAll(handle.db);
    await handle.close();
    expect(damaged).not.toEqual(before);

    const outcome = await restoreDatabase(target, file, new Date("2027-03-15T09:30:00Z"));
    expect(outcome.previousDataDir).toBe(`${dataDir}.avant-restauration-2027-03-15T09-30-00Z`);
    handle = await openDatabase({ engine: "pglite", dataDir });
    expect(await countAll(handle.db)).toEqual(before);
    await handle.close();
    // The folder as it was before the restore is still there, damage included.
    const previous = await openDatabase({ engine: "pglite", dataDir: outcome.previousDataDir! });
    expect(await countAll(previous.db)).toEqual(damaged);
    await previous.close();

    // A PGlite archive is not restored into PostgreSQL, and says why in French.
    await expect(restoreDatabase({ engine: "postgres", url: "postgres://postgres@127.0.0.1:1/inutile" }, file)).rejects.toThrow(
      "est une sauvegarde PGlite : retirez DATABASE_URL pour la restaurer dans le dossier DATA_DIR.",
    );
  }, 300_000);

  it.runIf(onPostgres)("PostgreSQL: pg_dump, then pg_restore --clean into the same database and into a fresh one", async () => {
    const url = testDb!.handle.url!;
    const target: BackupTarget = { engine: "postgres", url };
    const file = path.join(workDir, "sauvegardes", "demo.dump");
    await seed(db());
    const before = await countAll(db());
    expect(before["public.audit_answers"]).toBeGreaterThan(1000);

    const { bytes } = await backupDatabase(target, file);
    expect(bytes).toBeGreaterThan(100_000);
    await damage(db());
    expect(await countAll(db())).not.toEqual(before);

    await restoreDatabase(target, file);
    expect(await countAll(db())).toEqual(before);

    // Into a database that does not exist yet: created, then restored.
    const freshUrl = withDatabase(url, `${new URL(url).pathname.slice(1)}_restauree`);
    const outcome = await restoreDatabase({ engine: "postgres", url: freshUrl }, file);
    expect(outcome.createdDatabase).toBe(true);
    const fresh = await openDatabase({ engine: "postgres", url: freshUrl, max: 1 });
    try {
      expect(await countAll(fresh.db)).toEqual(before);
    } finally {
      await fresh.close();
      const admin = postgres(withDatabase(url, "postgres"), { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${new URL(freshUrl).pathname.slice(1)}" with (force)`);
      await admin.end();
    }
  }, 300_000);

  it("refuses misuse with French messages, changing nothing", async () => {
    const target: BackupTarget = onPostgres ? { engine: "postgres", url: testDb!.handle.url! } : { engine: "pglite", dataDir: path.join(workDir, "absente") };
    await expect(restoreDatabase(target, path.join(workDir, "nulle-part.dump"))).rejects.toThrow(/^Fichier de sauvegarde introuvable : /);
    const notABackup = path.join(workDir, "notes.txt");
    writeFileSync(notABackup, "pas une sauvegarde");
    await expect(restoreDatabase(target, notABackup)).rejects.toThrow("n'est pas une sauvegarde du portail");
    expect(existsSync(path.join(workDir, "absente"))).toBe(false);
    expect(() => parseFileArgument(["a.dump", "b.dump"], "Usage")).toThrow(BackupError);
    expect(() => parseFileArgument(["a.dump", "b.dump"], "Usage")).toThrow("Un seul argument est attendu");
    expect(() => parseFileArgument(["--force"], "Usage")).toThrow("Option inconnue");
    expect(parseFileArgument([], "Usage")).toBeUndefined();
    expect(parseFileArgument([" backups/a.dump "], "Usage")).toBe("backups/a.dump");
  });
});
