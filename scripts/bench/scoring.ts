import { formatCount, formatMs, report, runBench, step, timed, withFreshDatabase, BenchError, type BenchDatabase } from "./lib";

/*
 * `npm run bench:scoring`: 2,000 structures × 13 submitted audits (~800k answers) in a fresh
 * PostgreSQL database. Times the real publication (publishEditionResults: score every structure,
 * freeze the snapshots, benchmarks, enrolment transitions, e-mails) against the floor: the same
 * global scores computed by one SQL aggregate. Both must agree to the tenth of a point.
 */

const TARGET_RATIO = 2;
const TARGET_MS = 10_000;
/** The floor is the fastest of a few runs: caches warm, nothing else in the way. */
const FLOOR_RUNS = 3;

/**
 * The global score of every eligible structure, in one statement: 100 × Σ(weight × points) /
 * Σ(weight) over the applicable answers of its submitted audits, rounded half up to a tenth, with
 * the same points as scoring.ts (oui 1, non 0, scale / 4, a measure earns the points of the first
 * threshold it does not exceed, else 0). Each threshold is read as the interval (previous upTo, upTo].
 */
async function sqlGlobalScores(database: BenchDatabase, editionId: string) {
  const rows = await database.sql<{ tenant_id: string; global_score: string }[]>`
    with items as (
      select ri.code, ri.weight, ri.answer_type
      from referential_items ri join referentials r on r.id = ri.referential_id
      where r.edition_id = ${editionId}
    ), steps as (
      select ri.code,
        coalesce(lag((t.step->>'upTo')::numeric) over (partition by ri.code order by t.position), '-Infinity'::numeric) as above,
        (t.step->>'upTo')::numeric as up_to,
        (t.step->>'points')::numeric as points
      from referential_items ri
      join referentials r on r.id = ri.referential_id
      cross join lateral jsonb_array_elements(ri.thresholds) with ordinality as t(step, position)
      where r.edition_id = ${editionId} and ri.answer_type = 'measure'
    )
    select a.tenant_id,
      round(100 * sum(i.weight * case i.answer_type
          when 'yes_no' then case a.value when 'oui' then 1 else 0 end
          when 'scale' then a.value::numeric / 4
          else coalesce(s.points, 0)
        end) / sum(i.weight), 1) as global_score
    from audit_answers a
    join audits au on au.tenant_id = a.tenant_id and au.id = a.audit_id
    join enrolments e on e.tenant_id = au.tenant_id and e.edition_id = au.edition_id
    join items i on i.code = a.item_code
    left join steps s on s.code = a.item_code
      and (case when i.answer_type = 'measure' then a.value::numeric end) > s.above
      and (case when i.answer_type = 'measure' then a.value::numeric end) <= s.up_to
    where au.edition_id = ${editionId} and au.status = 'submitted'
      and e.status in ('in_audit', 'results_published')
      and a.value <> 'na'
    group by a.tenant_id
  `;
  return new Map(rows.map((r) => [r.tenant_id, Number(r.global_score)]));
}

async function main() {
  await withFreshDatabase("bench_scoring", async (database) => {
    const fixtures = await import("./fixtures");
    const { publishEditionResults } = await import("../../app/modules/results/publication.server");
    const count = fixtures.structureCount();
    step(`Base ${database.name} créée et migrée.`);

    const setup = await timed(async () => {
      const { edition, structures, adminUserId } = await fixtures.createEnrolledStructures(database.handle.db, count);
      const auditLines: string[] = [];
      const answerLines: string[] = [];
      for (const structure of structures) {
        for (const { audit, answers } of fixtures.structureAnswers(structure, edition.schedule)) {
          const lines = fixtures.copyLinesOf(edition, structure, audit, answers);
          auditLines.push(lines.auditLine);
          answerLines.push(...lines.answerLines);
        }
      }
      await fixtures.copyIn(database.sql, fixtures.auditColumns, auditLines);
      await fixtures.copyIn(database.sql, fixtures.answerColumns, answerLines);
      await database.sql`vacuum analyze`;
      await database.sql`checkpoint`;
      return { edition, adminUserId, audits: auditLines.length, answers: answerLines.length };
    });
    const { edition, adminUserId } = setup.result;
    step(
      `Données générées (non chronométré, ${formatMs(setup.ms)}) : ${formatCount(count)} structures, ` +
        `${formatCount(setup.result.audits)} audits validés, ${formatCount(setup.result.answers)} réponses.`,
    );

    let floorMs = Infinity;
    let floorScores = new Map<string, number>();
    for (let run = 1; run <= FLOOR_RUNS; run++) {
      const { ms, result } = await timed(() => sqlGlobalScores(database, edition.id));
      step(`Plancher SQL, passe ${run}/${FLOOR_RUNS} : ${formatMs(ms)}`);
      if (ms < floorMs) floorMs = ms;
      floorScores = result;
    }

    const ours = await timed(() => publishEditionResults(adminUserId, edition.year));
    if (!ours.result.ok) throw new BenchError(`La publication a échoué : ${ours.result.message}`);
    step(`Publication (notre code) : ${formatMs(ours.ms)} pour ${formatCount(ours.result.structures)} structures.`);

    // Same computation, same answers: every snapshot's global score must equal the SQL one.
    const snapshots = await database.sql<{ tenant_id: string; global_score: string | null }[]>`
      select tenant_id, global_score from result_snapshots where edition_id = ${edition.id} and version = ${ours.result.version}`;
    let maxDifference = 0;
    let missing = 0;
    for (const snapshot of snapshots) {
      const floor = floorScores.get(snapshot.tenant_id);
      if (floor === undefined || snapshot.global_score === null) {
        missing += 1;
        continue;
      }
      maxDifference = Math.max(maxDifference, Math.abs(Number(snapshot.global_score) - floor));
    }
    const [emails] = await database.sql<{ n: number }[]>`select count(*)::int as n from email_outbox`;
    step(
      `Vérification : ${formatCount(snapshots.length)} scores publiés, ${formatCount(floorScores.size)} scores SQL, ` +
        `écart maximal ${maxDifference.toFixed(1).replace(".", ",")} point ; ${formatCount(emails?.n ?? 0)} e-mails mis en file d'attente.`,
    );
    if (missing > 0 || snapshots.length !== floorScores.size || maxDifference > 0) {
      throw new BenchError(`Les scores du plancher SQL ne sont pas ceux de la publication (${missing} manquants, écart maximal ${maxDifference}) : mesure invalide.`);
    }

    report("scoring", {
      ours: ours.ms,
      baseline: floorMs,
      target: TARGET_RATIO,
      lines: [
        `Objectif de durée : ≤ ${formatMs(TARGET_MS)} — ${ours.ms <= TARGET_MS ? "atteint" : "non atteint"}.`,
        `Plancher : meilleure de ${FLOOR_RUNS} passes de l'agrégat SQL des scores globaux.`,
      ],
    });
  });
}

await runBench(main);
