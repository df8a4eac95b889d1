import { formatCount, formatMs, report, runBench, step, timed, withFreshDatabase, BenchError } from "./lib";

/*
 * `npm run bench:digest`: 10,000 active subscribers in a fresh PostgreSQL database, one practice
 * of the week. Times the real job (sendWeeklyDigest: claim deliveries batch by batch, render,
 * personalise and write every e-mail to the outbox) against the floor: the same 10,000 delivery
 * rows inserted by one INSERT … SELECT.
 */

const SUBSCRIBERS = 10_000;
const TARGET_MS = 30_000;
const MONDAY = new Date("2026-11-23T08:30:00Z");

async function main() {
  await withFreshDatabase("bench_digest", async (database) => {
    const { sendWeeklyDigest } = await import("../../app/modules/practices/digest.server");
    step(`Base ${database.name} créée et migrée.`);

    const [practice] = await database.sql<{ id: string }[]>`
      insert into practices (number, slug, title, summary, body, determinants, publish_at)
      values (1, 'rappeler-dans-la-journee', 'Rappeler dans la journée quand l''appel n''a pas abouti',
        'Un agent rappelle avant 17 h tout usager dont l''appel est resté sans réponse.', 'Corps.', '{joignabilite}', '2026-11-23T08:00:00Z')
      returning id`;
    await database.sql`
      insert into digest_subscribers (email, status, unsubscribe_token, confirmed_at)
      select 'abonne-' || g || '@example.test', 'active', substr(md5(g::text), 1, 32), now() from generate_series(1, ${SUBSCRIBERS}) g`;
    await database.sql`vacuum analyze`;
    step(`${formatCount(SUBSCRIBERS)} abonnés actifs, une bonne pratique de la semaine.`);

    const floor = await timed(
      () => database.sql`insert into practice_deliveries (subscriber_id, practice_id) select id, ${practice!.id} from digest_subscribers where status = 'active'`,
    );
    step(`Plancher (INSERT … SELECT des ${formatCount(SUBSCRIBERS)} livraisons) : ${formatMs(floor.ms)}`);
    await database.sql`delete from practice_deliveries`;
    await database.sql`vacuum analyze practice_deliveries`;

    const ours = await timed(() => sendWeeklyDigest(MONDAY));
    step(`Envoi hebdomadaire (notre code) : ${formatMs(ours.ms)} pour ${formatCount(ours.result.sent)} abonnés.`);

    const [check] = await database.sql<{ deliveries: number; emails: number; linked: number }[]>`
      select (select count(*)::int from practice_deliveries) as deliveries,
             (select count(*)::int from email_outbox where template = 'practice-digest' and headers like '%List-Unsubscribe-Post%') as emails,
             (select count(*)::int from practice_deliveries where outbox_id is not null) as linked`;
    step(`Vérification : ${formatCount(check!.deliveries)} livraisons, ${formatCount(check!.emails)} e-mails en file d'attente, ${formatCount(check!.linked)} liés.`);
    if (ours.result.sent !== SUBSCRIBERS || check!.deliveries !== SUBSCRIBERS || check!.emails !== SUBSCRIBERS || check!.linked !== SUBSCRIBERS) {
      throw new BenchError("Le nombre d'e-mails ou de livraisons n'est pas celui des abonnés : mesure invalide.");
    }

    report("digest", {
      ours: ours.ms,
      baseline: floor.ms,
      // The goal is a duration (30 s): expressed as the ratio it allows over this run's floor.
      target: TARGET_MS / floor.ms,
      lines: [`Objectif de durée : ≤ ${formatMs(TARGET_MS)} — ${ours.ms <= TARGET_MS ? "atteint" : "non atteint"}.`],
    });
  });
}

await runBench(main);
