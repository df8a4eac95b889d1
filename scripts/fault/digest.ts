import { spawn } from "node:child_process";
import path from "node:path";
import { z } from "zod";
import { startFakeResend, type FakeResend } from "../../e2e/fixtures/fake-resend";
import { BenchError, formatCount, runBench, step, withFreshDatabase, type BenchDatabase } from "../bench/lib";
import { finish, root, sleep } from "./lib";

/*
 * `npm run fault:digest`: the weekly digest for FAULT_DIGEST_SUBSCRIBERS active subscribers
 * (5 000), its worker killed with kill -9 twice — while it claims and writes the e-mails, then
 * while the outbox sends them to the fake Resend — and restarted each time.
 * Guarantee: every subscriber gets the week's e-mail exactly once: one delivery row, one outbox
 * message, every one sent, and the provider accepts each idempotency key (a message whose send
 * was cut before it was marked "sent" goes again with the same Idempotency-Key, which Resend
 * deduplicates; such repeats are counted).
 * Mechanism: claims (practice_deliveries primary key, SKIP LOCKED) and e-mails are written in the
 * same transaction per batch; the outbox holds each message under a unique idempotency key and
 * leases it for 5 minutes while sending. The script stands in for those 5 minutes by making the
 * leased messages due at once (printed), instead of waiting.
 * Fresh PostgreSQL database (shared server, nothing restarted), dropped at the end.
 * Last line: {"fault":"digest",…,"ok":true}.
 */

const settings = z
  .object({
    FAULT_DIGEST_SUBSCRIBERS: z.coerce.number({ error: "FAULT_DIGEST_SUBSCRIBERS doit être un nombre." }).int("FAULT_DIGEST_SUBSCRIBERS doit être un entier.").min(1500, "FAULT_DIGEST_SUBSCRIBERS : 1 500 au moins (plusieurs lots).").max(50_000, "FAULT_DIGEST_SUBSCRIBERS : 50 000 au plus.").default(5000),
  })
  .safeParse(process.env);

/** A Monday 09:30 (Paris): the digest's window is open, the practice published that morning. */
const MONDAY = "2026-11-23T08:30:00Z";

function startWorker(database: BenchDatabase, resend: FakeResend) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/fault/digest-worker.ts")], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      NODE_ENV: "production",
      LOG_LEVEL: "silent",
      DEMO: "false",
      APP_URL: "https://barometre.example",
      RESEND_API_KEY: "re_fault_digest",
      RESEND_BASE_URL: resend.url,
      FAULT_NOW: MONDAY,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal, output })));
  return { child, exit };
}

/** Waits until `when` holds, then kill -9; false when the worker ended first. */
async function killWhen(worker: ReturnType<typeof startWorker>, when: () => Promise<boolean> | boolean) {
  let ended = false;
  void worker.exit.then(() => (ended = true));
  while (!ended) {
    if (await when()) {
      worker.child.kill("SIGKILL");
      await worker.exit;
      return true;
    }
    await sleep(5);
  }
  return false;
}

async function main() {
  if (!settings.success) throw new BenchError(settings.error.issues.map((i) => i.message).join("\n"));
  const subscribers = settings.data.FAULT_DIGEST_SUBSCRIBERS;
  const resend = await startFakeResend();
  try {
    await withFreshDatabase("fault_digest", async (database) => {
      await database.sql`
        insert into practices (number, slug, title, summary, body, determinants, publish_at)
        values (1, 'rappeler-dans-la-journee', 'Rappeler dans la journée quand l''appel n''a pas abouti',
          'Un agent rappelle avant 17 h tout usager dont l''appel est resté sans réponse.', 'Corps.', '{joignabilite}', '2026-11-23T08:00:00Z')`;
      await database.sql`
        insert into digest_subscribers (email, status, unsubscribe_token, confirmed_at)
        select 'abonne-' || g || '@example.test', 'active', substr(md5(g::text), 1, 32), now() from generate_series(1, ${subscribers}) g`;
      step(`Base ${database.name} : ${formatCount(subscribers)} abonnés actifs, une bonne pratique de la semaine ; Resend factice sur ${resend.url}.`);
      const claimedCount = async () => (await database.sql<{ n: number }[]>`select count(*)::int as n from practice_deliveries`)[0]!.n;

      // 1. Killed while the digest claims and writes its batches (after at least one batch committed).
      const first = startWorker(database, resend);
      const killedClaiming = await killWhen(first, async () => {
        const n = await claimedCount();
        return n > 0 && n < subscribers;
      });
      if (!killedClaiming) throw new BenchError(`L'envoi s'est terminé avant d'être interrompu : augmentez FAULT_DIGEST_SUBSCRIBERS.\n${(await first.exit).output}`);
      const claimedAtKill1 = await claimedCount();
      const [outboxAtKill1] = await database.sql<{ n: number }[]>`select count(*)::int as n from email_outbox where template = 'practice-digest'`;
      step(`kill -9 pendant la préparation : ${formatCount(claimedAtKill1)} livraisons réservées et ${formatCount(outboxAtKill1!.n)} e-mails en file (autant : lot et e-mails vont ensemble).`);

      // 2. Restarted, killed again while the outbox sends.
      const sentBefore = resend.received.length;
      const second = startWorker(database, resend);
      // In the middle of a batch of 20 (drainOutbox): some of its messages sent, the others still leased.
      const killedSending = await killWhen(second, () => resend.received.length - sentBefore >= Math.min(500, Math.floor(subscribers / 4)) + 7);
      if (!killedSending) throw new BenchError(`Les envois se sont terminés avant d'être interrompus.\n${(await second.exit).output}`);
      const [states] = await database.sql<{ sent: number; sending: number; queued: number }[]>`
        select count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'sending')::int as sending, count(*) filter (where status = 'queued')::int as queued
        from email_outbox where template = 'practice-digest'`;
      step(`kill -9 pendant l'envoi : ${formatCount(resend.received.length)} requêtes reçues par Resend ; outbox : ${formatCount(states!.sent)} envoyés, ${formatCount(states!.sending)} en cours d'envoi (bail de 5 min), ${formatCount(states!.queued)} en attente.`);

      // 3. The 5-minute lease of the messages being sent at the kill, elapsed at once.
      const leased = await database.sql`update email_outbox set next_attempt_at = now() where status = 'sending'`;
      step(`Bail de 5 minutes des ${formatCount(leased.count)} messages « en cours d'envoi » considéré comme écoulé ; redémarrage du travail.`);
      const third = startWorker(database, resend);
      const done = await third.exit;
      if (done.code !== 0) throw new BenchError(`Le travail redémarré a échoué (code ${done.code}) :\n${done.output}`);

      const [check] = await database.sql<{ deliveries: number; distinct: number; emails: number; sent: number; linked: number }[]>`
        select (select count(*)::int from practice_deliveries) as deliveries,
               (select count(distinct subscriber_id)::int from practice_deliveries) as distinct,
               (select count(*)::int from email_outbox where template = 'practice-digest') as emails,
               (select count(*)::int from email_outbox where template = 'practice-digest' and status = 'sent') as sent,
               (select count(*)::int from practice_deliveries where outbox_id is not null) as linked`;
      const posts = resend.received.filter((r) => r.method === "POST" && r.path === "/emails");
      const byKey = new Map<string, Set<string>>();
      for (const post of posts) {
        const key = String(post.headers["idempotency-key"] ?? "");
        const to = ([] as string[]).concat(post.body?.to ?? []).join(",");
        byKey.set(key, (byKey.get(key) ?? new Set()).add(to));
      }
      const recipients = new Set(posts.map((p) => ([] as string[]).concat(p.body?.to ?? []).join(",")));
      const withoutKey = byKey.get("")?.size ?? 0;
      const keyMixingRecipients = [...byKey.values()].filter((to) => to.size > 1).length;
      const repeats = posts.length - byKey.size;
      const exactlyOnce =
        check!.deliveries === subscribers &&
        check!.distinct === subscribers &&
        check!.emails === subscribers &&
        check!.sent === subscribers &&
        check!.linked === subscribers &&
        byKey.size === subscribers &&
        recipients.size === subscribers &&
        withoutKey === 0 &&
        keyMixingRecipients === 0;
      finish(
        {
          fault: "digest",
          engine: "postgresql",
          subscribers,
          killedWhileClaiming: claimedAtKill1,
          deliveries: check!.deliveries,
          outbox: check!.emails,
          sent: check!.sent,
          providerRequests: posts.length,
          providerKeys: byKey.size,
          repeatsSameKey: repeats,
        },
        exactlyOnce,
        [
          `Livraisons : ${formatCount(check!.deliveries)} (${formatCount(check!.distinct)} abonnés distincts) ; e-mails en outbox : ${formatCount(check!.emails)}, envoyés : ${formatCount(check!.sent)}, liés à leur livraison : ${formatCount(check!.linked)}.`,
          `Resend : ${formatCount(posts.length)} requêtes, ${formatCount(byKey.size)} clés d'idempotence distinctes pour ${formatCount(recipients.size)} destinataires ; ${formatCount(repeats)} renvoi(s) avec la même clé (message coupé par le kill avant d'être marqué envoyé, dédoublonné par Resend).`,
          `Chaque abonné reçoit l'e-mail exactement une fois : ${exactlyOnce ? "oui" : "NON"}.`,
        ],
      );
    });
  } finally {
    await resend.close();
  }
}

await runBench(main);
