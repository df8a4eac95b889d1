import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { BenchError, formatCount, runBench, step, withFreshDatabase, type BenchDatabase } from "../bench/lib";
import { finish, formatDecimal, root, sleep } from "./lib";

/*
 * `npm run fault:import`: kill -9 of the process that imports a large auditors' CSV
 * (scripts/import-audits.ts, the same importAuditAnswers as the admin page) while it writes the
 * answers, then the same import run again, twice.
 * Guarantee: all or nothing (after the kill, audits and answers are those of before, to the row),
 * the re-run imports everything, and a second re-run changes nothing (no double).
 * Mechanism: the whole write is one transaction; PostgreSQL rolls it back when the client dies.
 * Runs on a fresh PostgreSQL database (shared server, nothing restarted), dropped at the end.
 * Last line: {"fault":"import",…,"ok":true}.
 */

const settings = z
  .object({
    FAULT_IMPORT_STRUCTURES: z.coerce.number({ error: "FAULT_IMPORT_STRUCTURES doit être un nombre." }).int("FAULT_IMPORT_STRUCTURES doit être un entier.").min(50, "FAULT_IMPORT_STRUCTURES : 50 au moins (il faut plusieurs lots d'écriture).").max(5000, "FAULT_IMPORT_STRUCTURES : 5 000 au plus.").default(400),
  })
  .safeParse(process.env);

const csvCell = (value: string) => (/[;"\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const frenchDate = (iso: string) => iso.split("-").reverse().join("/");

type Counts = { audits: number; answers: number; print: string };

async function counts(database: BenchDatabase, editionId: string): Promise<Counts> {
  const [row] = await database.sql<Counts[]>`
    select (select count(*)::int from audits where edition_id = ${editionId}) as audits,
      count(*)::int as answers,
      coalesce(sum(hashtext(concat_ws('|', a.tenant_id, au.number, a.item_code, a.value, a.comment))::bigint), 0)::text as print
    from audit_answers a join audits au on au.tenant_id = a.tenant_id and au.id = a.audit_id
    where au.edition_id = ${editionId}`;
  return row!;
}

/** Runs the CLI import; `killWhen` is polled every 10 ms and gets kill -9'd the first time it answers true. */
async function runImport(database: BenchDatabase, file: string, year: number, killWhen?: () => Promise<boolean>) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/import-audits.ts"), file, "--annee", String(year)], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database.url, NODE_ENV: "production", LOG_LEVEL: "silent" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  let killed = false;
  if (killWhen) {
    let done = false;
    void exit.then(() => (done = true));
    while (!done) {
      if (await killWhen()) {
        child.kill("SIGKILL");
        killed = true;
        break;
      }
      await sleep(10);
    }
  }
  return { ...(await exit), killed, output };
}

async function main() {
  if (!settings.success) throw new BenchError(settings.error.issues.map((i) => i.message).join("\n"));
  const structures = settings.data.FAULT_IMPORT_STRUCTURES;
  await withFreshDatabase("fault_import", async (database) => {
    const fixtures = await import("../bench/fixtures");
    const { channelLabels } = await import("../../app/modules/editions/audit-plan");
    const { edition, structures: enrolled } = await fixtures.createEnrolledStructures(database.handle.db, structures);
    const csv: string[] = ["siret;structure;numero_audit;canal;date;code_item;valeur;commentaire\n"];
    const auditKeys = new Set<string>();
    // A tenth of the structures are imported first: the answers already there must survive the kill unchanged.
    let earlierLines = 0;
    for (const structure of enrolled) {
      if (structure.index === Math.ceil(structures / 10) + 1) earlierLines = csv.length;
      for (const { audit, answers } of fixtures.structureAnswers(structure, edition.schedule)) {
        auditKeys.add(`${structure.tenantId}:${audit.number}`);
        const head = `${structure.siret};${structure.slug};${audit.number};${channelLabels[audit.channel]};${frenchDate(audit.plannedOn)};`;
        for (const { item, value, comment } of answers) csv.push(`${head}${item.code};${value.replace(".", ",")};${comment ? csvCell(comment) : ""}\n`);
      }
    }
    const lines = csv.length - 1;
    const dir = mkdtempSync(path.join(os.tmpdir(), "fault-import-"));
    const file = path.join(dir, "audits.csv");
    writeFileSync(file, csv.join(""));
    const earlierFile = path.join(dir, "premiers.csv");
    writeFileSync(earlierFile, csv.slice(0, earlierLines).join(""));
    try {
      step(`Base ${database.name} : ${formatCount(structures)} structures inscrites ; fichier de ${formatCount(lines)} lignes (${formatCount(auditKeys.size)} audits).`);
      const earlier = await runImport(database, earlierFile, edition.year);
      if (earlier.code !== 0) throw new BenchError(`Import préalable refusé (code ${earlier.code}) :\n${earlier.output}`);
      const before = await counts(database, edition.id);
      step(`Import préalable d'un dixième des structures : ${formatCount(before.audits)} audits, ${formatCount(before.answers)} réponses.`);

      // Kill -9 once the importer's transaction has sent its third batch of answers (10 000 per statement).
      const seen = new Set<string>();
      let backendPids: number[] = [];
      const killed = await runImport(database, file, edition.year, async () => {
        const rows = await database.sql<{ pid: number; started: string }[]>`
          select pid, query_start::text as started from pg_stat_activity
          where datname = ${database.name} and application_name = 'experience-citoyen' and query like 'insert into "audit_answers"%' and state = 'active'`;
        for (const r of rows) seen.add(`${r.pid}:${r.started}`);
        backendPids = rows.map((r) => r.pid);
        return seen.size >= 3;
      });
      if (!killed.killed) throw new BenchError(`L'import s'est terminé avant d'être interrompu (code ${killed.code}) : augmentez FAULT_IMPORT_STRUCTURES.\n${killed.output}`);
      step(`Import interrompu par kill -9 pendant le lot d'écriture n° ${seen.size} (processus tué : ${killed.signal}).`);

      // PostgreSQL notices the dead client and rolls its transaction back: wait for the backend to go.
      const waitStarted = Date.now();
      while (Date.now() - waitStarted < 60_000) {
        const [row] = await database.sql<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where pid = any(${backendPids}::int[])`;
        if (row!.n === 0) break;
        await sleep(50);
      }
      const afterKill = await counts(database, edition.id);
      const allOrNothing = afterKill.audits === before.audits && afterKill.answers === before.answers && afterKill.print === before.print;
      step(`Après l'interruption : ${formatCount(afterKill.audits)} audits, ${formatCount(afterKill.answers)} réponses (avant : ${formatCount(before.audits)}, ${formatCount(before.answers)}) en ${formatDecimal((Date.now() - waitStarted) / 1000)} s.`);

      const rerun = await runImport(database, file, edition.year);
      const afterRerun = await counts(database, edition.id);
      step(`Nouvel import : code ${rerun.code} ; ${formatCount(afterRerun.audits)} audits, ${formatCount(afterRerun.answers)} réponses.`);
      const second = await runImport(database, file, edition.year);
      const afterSecond = await counts(database, edition.id);
      step(`Import une fois de plus : code ${second.code} ; ${formatCount(afterSecond.audits)} audits, ${formatCount(afterSecond.answers)} réponses.`);

      const complete = rerun.code === 0 && afterRerun.answers === lines && afterRerun.audits === auditKeys.size;
      const noDouble = second.code === 0 && afterSecond.answers === afterRerun.answers && afterSecond.audits === afterRerun.audits && afterSecond.print === afterRerun.print;
      finish(
        {
          fault: "import",
          engine: "postgresql",
          lines,
          audits: auditKeys.size,
          killedDuringBatch: seen.size,
          before: { audits: before.audits, answers: before.answers },
          afterKill: { audits: afterKill.audits, answers: afterKill.answers },
          afterRerun: { audits: afterRerun.audits, answers: afterRerun.answers },
          afterSecondRun: { audits: afterSecond.audits, answers: afterSecond.answers },
        },
        allOrNothing && complete && noDouble,
        [
          `Tout ou rien après kill -9 : ${allOrNothing ? "oui" : "NON"} (${formatCount(afterKill.answers - before.answers)} réponse(s) et ${formatCount(afterKill.audits - before.audits)} audit(s) de plus qu'avant).`,
          `Nouvel import complet : ${complete ? "oui" : "NON"} (${formatCount(afterRerun.answers)} réponses pour ${formatCount(lines)} lignes).${rerun.code === 0 ? "" : `\n${rerun.output}`}`,
          `Aucun doublon à l'import suivant : ${noDouble ? "oui" : "NON"}.${second.code === 0 ? "" : `\n${second.output}`}`,
        ],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

await runBench(main);
