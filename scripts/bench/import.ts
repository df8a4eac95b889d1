import { formatCount, formatMs, report, runBench, step, timed, withFreshDatabase, BenchError, type BenchDatabase } from "./lib";

/*
 * `npm run bench:import`: a generated auditors' CSV of 2,000 structures × 13 audits (~800k answer
 * lines), imported by the real import (parse, check every line, resolve structures and audits,
 * write in one transaction) against the floor: the same audits and answers loaded with
 * PostgreSQL COPY into the same tables. Both must leave the same rows.
 */

const TARGET_RATIO = 3;
/** The floor is the fastest of a few loads (tables emptied in between). */
const FLOOR_RUNS = 2;

/** A CSV cell, quoted when it holds the delimiter, a quote or a line break. */
function csvCell(value: string) {
  return /[;"\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const frenchDate = (iso: string) => iso.split("-").reverse().join("/");

/** What the answer tables hold, order aside: the same audits and answers give the same print. */
async function fingerprint(database: BenchDatabase, editionId: string) {
  const [row] = await database.sql<{ answers: number; audits: number; print: string }[]>`
    select count(*)::int as answers, count(distinct a.audit_id)::int as audits,
      coalesce(sum(hashtext(concat_ws('|', a.tenant_id, au.number, au.channel, a.item_code, a.value, a.measured_value, a.comment))::bigint), 0)::text as print
    from audit_answers a join audits au on au.tenant_id = a.tenant_id and au.id = a.audit_id
    where au.edition_id = ${editionId}`;
  return row!;
}

async function emptyAnswerTables(database: BenchDatabase) {
  await database.sql`truncate audit_answers, audits`;
  await database.sql`checkpoint`;
}

async function main() {
  await withFreshDatabase("bench_import", async (database) => {
    const fixtures = await import("./fixtures");
    const { channelLabels } = await import("../../app/modules/editions/audit-plan");
    const { importAuditAnswers } = await import("../../app/modules/audits/import.server");
    const count = fixtures.structureCount();
    step(`Base ${database.name} créée et migrée.`);

    // Untimed: the enrolled structures the file names, the file itself, and the same rows as COPY input.
    const setup = await timed(async () => {
      const { edition, structures } = await fixtures.createEnrolledStructures(database.handle.db, count);
      const csv: string[] = ["siret;structure;numero_audit;canal;date;code_item;valeur;commentaire\n"];
      const auditLines: string[] = [];
      const answerLines: string[] = [];
      for (const structure of structures) {
        for (const { audit, answers } of fixtures.structureAnswers(structure, edition.schedule)) {
          const head = `${structure.siret};${structure.slug};${audit.number};${channelLabels[audit.channel]};${frenchDate(audit.plannedOn)};`;
          for (const { item, value, comment } of answers) {
            csv.push(`${head}${item.code};${value.replace(".", ",")};${comment ? csvCell(comment) : ""}\n`);
          }
          const lines = fixtures.copyLinesOf(edition, structure, audit, answers);
          auditLines.push(lines.auditLine);
          answerLines.push(...lines.answerLines);
        }
      }
      await database.sql`vacuum analyze`;
      await database.sql`checkpoint`;
      return { edition, buffer: Buffer.from(csv.join(""), "utf8"), lines: csv.length - 1, auditLines, answerLines };
    });
    const { edition, buffer, auditLines, answerLines } = setup.result;
    step(
      `Données générées (non chronométré, ${formatMs(setup.ms)}) : ${formatCount(count)} structures inscrites, ` +
        `fichier CSV de ${formatCount(setup.result.lines)} lignes (${formatCount(Math.round(buffer.length / 1e6))} Mo).`,
    );

    let floorMs = Infinity;
    let floorPrint: Awaited<ReturnType<typeof fingerprint>> | undefined;
    for (let run = 1; run <= FLOOR_RUNS; run++) {
      const { ms } = await timed(() =>
        database.sql.begin(async (tx) => {
          await fixtures.copyIn(tx, fixtures.auditColumns, auditLines);
          await fixtures.copyIn(tx, fixtures.answerColumns, answerLines);
        }),
      );
      step(`Plancher COPY, passe ${run}/${FLOOR_RUNS} : ${formatMs(ms)} (${formatCount(auditLines.length)} audits, ${formatCount(answerLines.length)} réponses)`);
      floorMs = Math.min(floorMs, ms);
      floorPrint = await fingerprint(database, edition.id);
      await emptyAnswerTables(database);
    }

    const ours = await timed(() => importAuditAnswers({ buffer, editionYear: edition.year, actorUserId: null, dryRun: false, source: "cli" }));
    if (!ours.result.ok) {
      throw new BenchError(`L'import a refusé le fichier (${ours.result.errorCount} erreurs), par exemple :\n  - ${ours.result.errors.slice(0, 5).join("\n  - ")}`);
    }
    const { summary } = ours.result;
    step(
      `Import (notre code) : ${formatMs(ours.ms)} — ${formatCount(summary.lines)} lignes, ${formatCount(summary.tenants)} structures, ` +
        `${formatCount(summary.audits.created)} audits et ${formatCount(summary.answers.created)} réponses créés.`,
    );

    // The same rows both ways: same counts, same content (audit ids aside, chosen by each).
    const ourPrint = await fingerprint(database, edition.id);
    const same = floorPrint && ourPrint.answers === floorPrint.answers && ourPrint.audits === floorPrint.audits && ourPrint.print === floorPrint.print;
    step(`Vérification : ${formatCount(ourPrint.answers)} réponses dans ${formatCount(ourPrint.audits)} audits, ${same ? "identiques à celles du plancher" : "DIFFÉRENTES du plancher"}.`);
    if (!same) throw new BenchError("L'import et le plancher COPY n'ont pas écrit les mêmes réponses : mesure invalide.");

    report("import", {
      ours: ours.ms,
      baseline: floorMs,
      target: TARGET_RATIO,
      lines: [`Plancher : meilleure de ${FLOOR_RUNS} passes de COPY (audits puis réponses, une transaction), tables vidées entre deux.`],
    });
  });
}

await runBench(main);
