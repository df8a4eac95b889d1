import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { initDatabase } from "../db/bootstrap";
import { parseEnv } from "../app/env.server";
import { importAuditAnswers } from "../app/modules/audits/import.server";
import { getOpenEdition } from "../app/modules/editions/editions.server";

/**
 * `npm run import:audits -- <fichier.csv> [--annee 2027] [--simulation]`: imports auditors' answers
 * into the configured database (all or nothing), printing progress and the summary or the errors.
 */
const usage = "Usage : npm run import:audits -- <fichier.csv> [--annee 2027] [--simulation]";

function exit(message: string): never {
  console.error(message);
  process.exit(1);
}

let args: ReturnType<typeof readArgs>;
function readArgs() {
  return parseArgs({ allowPositionals: true, options: { annee: { type: "string" }, simulation: { type: "boolean", default: false } } });
}
try {
  args = readArgs();
} catch (error) {
  exit(`${(error as Error).message}\n${usage}`);
}
const [file, ...extra] = args.positionals;
if (!file || extra.length > 0) exit(usage);
if (args.values.annee !== undefined && !/^\d{4}$/.test(args.values.annee)) exit(`--annee attend une année, par exemple 2027.\n${usage}`);

let buffer: Buffer;
try {
  buffer = readFileSync(file);
} catch (error) {
  exit(`Impossible de lire « ${file} » : ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
}

let env: ReturnType<typeof parseEnv>;
try {
  env = parseEnv();
} catch (error) {
  exit((error as Error).message);
}
const handle = await initDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, demo: false, poolMax: env.DATABASE_POOL_MAX, prepare: env.DATABASE_PREPARE });
const number = new Intl.NumberFormat("fr-FR");
try {
  const year = args.values.annee ? Number(args.values.annee) : (await getOpenEdition())?.year;
  if (!year) exit("Aucune édition n'est ouverte : précisez --annee.");
  const dryRun = args.values.simulation ?? false;
  console.log(`${dryRun ? "Simulation de l'import" : "Import"} de « ${file} » dans l'édition ${year}…`);
  let lastTenth = -1;
  const started = Date.now();
  const result = await importAuditAnswers({
    buffer,
    editionYear: year,
    actorUserId: null,
    dryRun,
    source: "cli",
    onProgress: (done, total) => {
      const tenth = Math.floor((done / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        console.log(`  ${tenth * 10} %`);
      }
    },
  });
  if (!result.ok) {
    console.error(`Fichier refusé : ${number.format(result.errorCount)} erreur${result.errorCount > 1 ? "s" : ""}, rien n'a été importé.`);
    for (const error of result.errors) console.error(`  - ${error}`);
    if (result.errorCount > result.errors.length) console.error(`  … et ${number.format(result.errorCount - result.errors.length)} autres.`);
    process.exitCode = 1;
  } else {
    const { summary } = result;
    console.log(dryRun ? "Simulation terminée : aucune donnée n'a été enregistrée. L'import changerait :" : "Import terminé :");
    console.log(`  lignes lues : ${number.format(summary.lines)} ; structures : ${number.format(summary.tenants)}`);
    console.log(`  audits : ${number.format(summary.audits.created)} créés, ${number.format(summary.audits.updated)} mis à jour`);
    console.log(
      `  réponses : ${number.format(summary.answers.created)} créées, ${number.format(summary.answers.updated)} modifiées, ${number.format(summary.answers.unchanged)} inchangées`,
    );
    console.log(`  durée : ${number.format(Math.round((Date.now() - started) / 100) / 10)} s`);
  }
} finally {
  await handle.close();
}
