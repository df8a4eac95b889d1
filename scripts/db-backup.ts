import { parseEnv } from "../app/env.server";
import { backupDatabase, BackupError, defaultBackupFile, parseFileArgument, targetFromEnv } from "../db/backup";

/** `npm run db:backup [-- fichier]`: a backup of the configured database (PostgreSQL or PGlite). */
const usage = [
  "Usage : npm run db:backup [-- <fichier>]",
  "  PostgreSQL (DATABASE_URL définie) : export pg_dump, par défaut backups/<date>.dump",
  "  PGlite (DATA_DIR, par défaut .data) : archive du dossier de données, par défaut backups/<date>.tar.gz",
  "Arrêtez l'application avant de sauvegarder une base PGlite (un seul processus peut l'ouvrir).",
].join("\n");

try {
  const target = targetFromEnv(parseEnv());
  const file = parseFileArgument(process.argv.slice(2), usage) ?? defaultBackupFile(target.engine);
  const { bytes } = await backupDatabase(target, file);
  console.log(`Sauvegarde ${target.engine === "postgres" ? "PostgreSQL" : "PGlite"} écrite dans ${file} (${new Intl.NumberFormat("fr-FR").format(Math.ceil(bytes / 1024))} Ko).`);
} catch (error) {
  console.error(error instanceof BackupError ? error.message : `La sauvegarde a échoué : ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
