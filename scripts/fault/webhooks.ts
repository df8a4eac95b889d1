import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Stripe from "stripe";
import { z } from "zod";
import { startFakeStripe } from "../fake-stripe";
import { BenchError, formatCount, runBench, step, withFreshDatabase } from "../bench/lib";
import { ensureBuilt, finish, freePort, sleep, startServer } from "./lib";

/*
 * `npm run fault:webhooks`: FAULT_WEBHOOKS (200) card payments completed at once on the fake
 * Stripe, whose checkout.session.completed webhooks reach the production server; the server is
 * killed with kill -9 in the middle of the burst and restarted on the same port, then the events
 * that got no 2xx are redelivered with the same event id (Stripe's retries), and finally every
 * event is delivered once more (Stripe delivers at least once).
 * Guarantee: each payment is recorded exactly once: every payment "paid", one stored event per
 * event id, one "paid" transition per enrolment, one "payment received" e-mail per enrolment, its
 * audits planned once.
 * Mechanism: the event id is inserted (stripe_events primary key) in the same transaction as the
 * state change; a duplicate is acknowledged without effect; a cut transaction leaves nothing and
 * the event is retried.
 * Fresh PostgreSQL database (shared server, nothing restarted), dropped at the end.
 * Last line: {"fault":"webhooks",…,"ok":true}.
 */

const settings = z
  .object({
    FAULT_WEBHOOKS: z.coerce.number({ error: "FAULT_WEBHOOKS doit être un nombre." }).int("FAULT_WEBHOOKS doit être un entier.").min(20, "FAULT_WEBHOOKS : 20 au moins.").max(2000, "FAULT_WEBHOOKS : 2 000 au plus.").default(200),
  })
  .safeParse(process.env);

const SECRET = "whsec_fault_webhooks";

async function main() {
  if (!settings.success) throw new BenchError(settings.error.issues.map((i) => i.message).join("\n"));
  const count = settings.data.FAULT_WEBHOOKS;
  ensureBuilt();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const fake = await startFakeStripe({ webhookUrl: `${base}/webhooks/stripe`, webhookSecret: SECRET });
  const stripe = new Stripe("sk_test_fault_webhooks", { host: fake.host, port: fake.port, protocol: "http" });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "fault-webhooks-"));
  try {
    await withFreshDatabase("fault_webhooks", async (database) => {
      const fixtures = await import("../bench/fixtures");
      const { structures } = await fixtures.createEnrolledStructures(database.handle.db, count);
      // Enrolments waiting for their card payment, each with its open checkout session.
      await database.sql`update enrolments set status = 'awaiting_payment', payment_path = 'card'`;
      const sessions: string[] = [];
      for (const structure of structures) {
        const session = await stripe.checkout.sessions.create({
          mode: "payment",
          success_url: `${base}/t/${structure.slug}/inscription/retour`,
          cancel_url: `${base}/t/${structure.slug}/inscription`,
          line_items: [{ quantity: 1, price_data: { currency: "eur", unit_amount: 214_800, product_data: { name: "Inscription au baromètre" } } }],
          metadata: { tenantId: structure.tenantId, enrolmentId: structure.enrolmentId },
        });
        sessions.push(session.id);
        await database.sql`
          insert into payments (tenant_id, enrolment_id, method, status, amount_cents, stripe_checkout_session_id, checkout_url)
          values (${structure.tenantId}, ${structure.enrolmentId}, 'card', 'pending', 214800, ${session.id}, ${session.url})`;
      }
      step(`Base ${database.name} : ${formatCount(count)} inscriptions en attente de paiement par carte, une session Stripe chacune.`);

      const serverEnv = {
        DEMO: "false",
        STRIPE_SECRET_KEY: "sk_test_fault_webhooks",
        STRIPE_WEBHOOK_SECRET: SECRET,
        STRIPE_API_HOST: fake.host,
        STRIPE_API_PORT: String(fake.port),
        STRIPE_API_PROTOCOL: "http",
      };
      let server = await startServer({ databaseUrl: database.url, dataDir, port, env: serverEnv });
      step(`Serveur prêt sur ${base} ; ${formatCount(count)} paiements validés d'un coup sur Stripe.`);

      // The burst: every checkout completed; the webhooks go out one after the other.
      const burst = Promise.all(sessions.map((id) => fake.completeCheckout(id)));
      const killAfter = Math.floor(count / 3);
      while (fake.deliveries.filter((d) => d.status === 200).length < killAfter) await sleep(2);
      await server.kill9();
      const acknowledgedAtKill = fake.deliveries.filter((d) => d.status === 200).length;
      step(`kill -9 du serveur après ${formatCount(acknowledgedAtKill)} webhooks acquittés.`);
      await burst;
      const failed = [...new Set(fake.deliveries.filter((d) => d.status === null || d.status >= 300).map((d) => d.eventId))];
      step(`Fin de la rafale : ${formatCount(fake.deliveries.length)} envois, ${formatCount(failed.length)} événements sans acquittement (serveur arrêté).`);

      server = await startServer({ databaseUrl: database.url, dataDir, port, env: serverEnv });
      try {
        step("Serveur redémarré ; Stripe renvoie les événements non acquittés (même identifiant d'événement).");
        const events = new Map<string, any>(fake.events.filter((e) => e.type === "checkout.session.completed").map((e) => [e.id, e]));
        const redeliver = (id: string) => {
          const event = events.get(id)!;
          return fake.emit(event.type, event.data.object, { id: event.id, created: event.created });
        };
        // Retries until every event is acknowledged (bounded: Stripe retries for days, we try 5 rounds).
        let pending = failed;
        let rounds = 0;
        while (pending.length > 0 && rounds < 5) {
          rounds++;
          const results = await Promise.all(pending.map(redeliver));
          pending = results.filter((r) => r.status === null || r.status >= 300).map((r) => r.event.id as string);
        }
        // At least once: every event delivered once more.
        const again = await Promise.all([...events.keys()].map(redeliver));
        const duplicatesAcknowledged = again.filter((r) => r.status === 200).length;

        const [check] = await database.sql<{ paid: number; pending: number; events: number; transitions: number; enrolmentsPaid: number; emails: number; audits: number; enrolmentsPlanned: number }[]>`
          select (select count(*)::int from payments where status = 'paid') as paid,
                 (select count(*)::int from payments where status <> 'paid') as pending,
                 (select count(*)::int from stripe_events where type = 'checkout.session.completed') as events,
                 (select count(*)::int from enrolment_transitions where to_status = 'paid') as transitions,
                 (select count(distinct enrolment_id)::int from enrolment_transitions where to_status = 'paid') as "enrolmentsPaid",
                 (select count(*)::int from email_outbox where template = 'payment-received') as emails,
                 (select count(*)::int from audits) as audits,
                 (select count(distinct enrolment_id)::int from audits) as "enrolmentsPlanned"`;
        const c = check!;
        const auditsPerEnrolment = c.enrolmentsPlanned ? c.audits / c.enrolmentsPlanned : 0;
        const exactlyOnce =
          pending.length === 0 &&
          c.paid === count &&
          c.pending === 0 &&
          c.events === count &&
          c.transitions === count &&
          c.enrolmentsPaid === count &&
          c.emails === count &&
          c.enrolmentsPlanned === count &&
          Number.isInteger(auditsPerEnrolment);
        finish(
          {
            fault: "webhooks",
            engine: "postgresql",
            payments: count,
            acknowledgedAtKill,
            unacknowledged: failed.length,
            retryRounds: rounds,
            deliveries: fake.deliveries.length,
            paid: c.paid,
            events: c.events,
            paidTransitions: c.transitions,
            emails: c.emails,
            auditsPerEnrolment,
          },
          exactlyOnce,
          [
            `${formatCount(fake.deliveries.length)} livraisons de webhooks en tout (rafale, ${rounds} tour(s) de renvoi, puis chaque événement une fois de plus : ${formatCount(duplicatesAcknowledged)} doublons acquittés sans effet).`,
            `Paiements payés : ${formatCount(c.paid)} / ${formatCount(count)} ; événements enregistrés : ${formatCount(c.events)} ; passages à « payée » : ${formatCount(c.transitions)} (${formatCount(c.enrolmentsPaid)} inscriptions) ; e-mails « paiement reçu » : ${formatCount(c.emails)} ; audits planifiés : ${formatCount(c.audits)} (${auditsPerEnrolment} par inscription).`,
            `Chaque paiement enregistré exactement une fois : ${exactlyOnce ? "oui" : "NON"}.`,
          ],
        );
      } finally {
        await server.stop();
      }
    });
  } finally {
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await runBench(main);
