import { parseEnv } from "../app/env.server";
import { BackupError, parseFileArgument, restoreDatabase, targetFromEnv } from "../db/backup";

/** `npm run db:restore -- fichier`: replaces the configured database with a backup. */
const usage = [
  "Usage : npm run db:restore -- <fichier>",
  "  PostgreSQL (DATABASE_URL définie) : un fichier .dump de db:backup, restauré par pg_restore --clean --if-exists",
  "    (la base de DATABASE_URL est créée si elle n'existe pas).",
  "  PGlite (DATA_DIR) : un fichier .tar.gz de db:backup, chargé dans un nouveau dossier de données ;",
  "    l'ancien dossier est conservé à côté (pglite.avant-restauration-<date>).",
  "Arrêtez l'application avant de restaurer.",
].join("\n");

try {
  const target = targetFromEnv(parseEnv());
  const file = parseFileArgument(process.argv.slice(2), usage);
  if (!file) throw new BackupError(`Indiquez le fichier de sauvegarde à restaurer.\n${usage}`);
  const outcome = await restoreDatabase(target, file);
  if (outcome.engine === "postgres") console.log(`Sauvegarde ${file} restaurée dans PostgreSQL${outcome.createdDatabase ? " (base créée)" : ""}.`);
  else console.log(`Sauvegarde ${file} restaurée dans ${target.engine === "pglite" ? target.dataDir : ""}${outcome.previousDataDir ? ` ; l'ancien dossier est conservé dans ${outcome.previousDataDir}` : ""}.`);
} catch (error) {
  console.error(error instanceof BackupError ? error.message : `La restauration a échoué : ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
