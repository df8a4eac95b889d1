import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { z } from "../app/utils/zod";
import { openDatabase } from "./client";

/*
 * `npm run db:backup` / `npm run db:restore`, on both engines:
 * - PostgreSQL (DATABASE_URL): `pg_dump --format=custom` to a `.dump` file, restored by
 *   `pg_restore --clean --if-exists` into the database of DATABASE_URL (created when it does not
 *   exist yet; the app_tenant role of the row-level security is created when the server lacks it).
 * - PGlite (DATA_DIR): the data folder `DATA_DIR/pglite` dumped by PGlite itself to a `.tar.gz`,
 *   restored by loading it into a new data folder; the old folder is moved aside, never deleted.
 * Stop the application first: PGlite opens a data folder in one process only, and a restore drops
 * and recreates every table.
 */

export type BackupTarget = { engine: "postgres"; url: string } | { engine: "pglite"; dataDir: string };

export class BackupError extends Error {}

const extensionOf = { postgres: ".dump", pglite: ".tar.gz" } as const;

export function targetFromEnv(env: { DATABASE_URL?: string; DATA_DIR: string }): BackupTarget {
  return env.DATABASE_URL ? { engine: "postgres", url: env.DATABASE_URL } : { engine: "pglite", dataDir: path.resolve(env.DATA_DIR, "pglite") };
}

/** `backups/2027-03-15T09-30-00Z.dump` (or `.tar.gz` for PGlite), relative to the working folder. */
export function defaultBackupFile(engine: BackupTarget["engine"], now = new Date()) {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-");
  return path.join("backups", `${stamp}${extensionOf[engine]}`);
}

const fileArgument = z
  .string({ error: "Indiquez le chemin du fichier de sauvegarde." })
  .trim()
  .min(1, "Indiquez le chemin du fichier de sauvegarde.")
  .refine((file) => !file.startsWith("-"), "Option inconnue : indiquez seulement le chemin du fichier de sauvegarde.");

/** The command line's only argument (a file path), checked; `undefined` when none was given. */
export function parseFileArgument(args: string[], usage: string): string | undefined {
  if (args.length > 1) throw new BackupError(`Un seul argument est attendu : le chemin du fichier.\n${usage}`);
  if (args.length === 0) return undefined;
  if (args[0] === "--help" || args[0] === "-h") throw new BackupError(usage);
  const parsed = fileArgument.safeParse(args[0]);
  if (!parsed.success) throw new BackupError(`${parsed.error.issues[0]?.message ?? "Argument invalide."}\n${usage}`);
  return parsed.data;
}

/** Runs a PostgreSQL client program; its error output becomes a French error. */
function run(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(new BackupError(error.code === "ENOENT" ? `${program} est introuvable : installez les outils clients de PostgreSQL (paquet postgresql-client).` : error.message)),
    );
    child.on("close", (code) => (code === 0 ? resolve() : reject(new BackupError(`${program} a échoué (code ${code}) :\n${stderr.trim()}`))));
  });
}

function detectFormat(file: string): BackupTarget["engine"] | null {
  const head = readFileSync(file).subarray(0, 5);
  if (head.toString("latin1") === "PGDMP") return "postgres";
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  return null;
}

/** Writes a backup of the target's database to `file` (its folder created if needed). */
export async function backupDatabase(target: BackupTarget, file: string): Promise<{ file: string; bytes: number }> {
  if (target.engine === "pglite" && !existsSync(target.dataDir)) throw new BackupError(`Aucune base PGlite dans ${target.dataDir} : vérifiez DATA_DIR.`);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (target.engine === "postgres") {
    await run("pg_dump", ["--format=custom", `--file=${file}`, `--dbname=${target.url}`]);
  } else {
    const handle = await openDatabase({ engine: "pglite", dataDir: target.dataDir });
    try {
      const dump = await handle.pglite!.dumpDataDir("gzip");
      writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await handle.close();
    }
  }
  return { file, bytes: statSync(file).size };
}

/** The database URL's name, and the same server's maintenance database (to create it). */
function serverOf(url: string) {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres";
  parsed.pathname = "/postgres";
  return { name, maintenanceUrl: parsed.toString() };
}

async function prepareServer(url: string) {
  const { name, maintenanceUrl } = serverOf(url);
  const admin = postgres(maintenanceUrl, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) await admin.unsafe(`create database "${name.replace(/"/g, '""')}"`);
    // The role the row-level security policies are granted to exists once per server, not per database.
    await admin.unsafe(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_tenant') THEN CREATE ROLE app_tenant NOLOGIN NOSUPERUSER NOBYPASSRLS; END IF; END $$`);
    return { created: !exists };
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export type RestoreOutcome = { engine: BackupTarget["engine"]; createdDatabase?: boolean; previousDataDir?: string };

/** Replaces the target's database with the backup in `file`. */
export async function restoreDatabase(target: BackupTarget, file: string, now = new Date()): Promise<RestoreOutcome> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new BackupError(`Fichier de sauvegarde introuvable : ${file}`);
  const format = detectFormat(file);
  if (format === null) throw new BackupError(`${file} n'est pas une sauvegarde du portail (ni un export pg_dump, ni une archive PGlite .tar.gz).`);
  if (format !== target.engine) {
    throw new BackupError(
      format === "postgres"
        ? `${file} est une sauvegarde PostgreSQL : définissez DATABASE_URL pour la restaurer dans une base PostgreSQL.`
        : `${file} est une sauvegarde PGlite : retirez DATABASE_URL pour la restaurer dans le dossier DATA_DIR.`,
    );
  }
  if (target.engine === "postgres") {
    const { created } = await prepareServer(target.url);
    await run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--exit-on-error", `--dbname=${target.url}`, file]);
    return { engine: "postgres", createdDatabase: created };
  }
  // PGlite: the backup becomes a new data folder; the current one is kept beside it.
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/:/g, "-");
  const previous = existsSync(target.dataDir) ? `${target.dataDir}.avant-restauration-${stamp}` : undefined;
  if (previous) renameSync(target.dataDir, previous);
  try {
    const handle = await openDatabase({ engine: "pglite", dataDir: target.dataDir, loadDataDir: new Blob([readFileSync(file)]) });
    try {
      await handle.pglite!.query("select 1");
    } finally {
      await handle.close();
    }
  } catch (error) {
    // The restore failed: the previous folder comes back in place, untouched.
    if (previous) {
      if (existsSync(target.dataDir)) renameSync(target.dataDir, `${target.dataDir}.echec-restauration-${stamp}`);
      renameSync(previous, target.dataDir);
    }
    throw new BackupError(`La restauration de ${file} a échoué : ${error instanceof Error ? error.message : String(error)}`);
  }
  return { engine: "pglite", previousDataDir: previous };
}
