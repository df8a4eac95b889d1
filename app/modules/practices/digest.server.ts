/**
 * The weekly digest: from Monday 09:00 (Paris), every active subscriber receives the week's
 * practice by e-mail, once.
 *
 * "Once" holds with several instances running the job and with a crash half-way: subscribers are
 * taken in batches, each batch in ONE transaction that (1) locks the subscriber rows it takes
 * (SKIP LOCKED: a concurrent runner takes other rows), (2) claims them with `insert … on conflict
 * do nothing returning` into practice_deliveries (subscriber × practice primary key: a row
 * delivered by another runner meanwhile is not returned) and (3) writes the claimed e-mails to
 * the outbox. A crash rolls back claims and e-mails together; the next run sends them. Sending,
 * retries with back-off and the final "failed" status are the outbox's.
 *
 * 10,000 e-mails are not 10,000 React renders: the message is rendered once per variant (citizen,
 * member with recommendations) with a placeholder token, and each copy only swaps in its
 * subscriber's unsubscribe token.
 */
import { and, arrayOverlaps, asc, desc, eq, gte, inArray, lte, ne, notExists, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { digestSubscribers, emailOutbox, practiceDeliveries, practices } from "../../../db/schema";
import { env } from "~/env.server";
import { enqueueRenderedEmails, type RenderedEnqueueInput } from "../mail/outbox.server";
import { renderEmail, type RenderedEmail } from "../mail/templates.server";
import { unsubscribeUrl } from "./digest-subscriptions.server";
import { practiceDeterminantLabels } from "./practice-schema";
import { SERIES } from "./practices.server";
import { mondayNine, practicePath } from "./search";

export const DIGEST_BATCH = 500;

/** Only letters the token alphabet never produces in this order, untouched by HTML escaping and text wrapping. */
const TOKEN_PLACEHOLDER = "JETONDESABONNEMENT";

/** Sends from Monday 09:00 (Paris) to Sunday night: a run missed on Monday catches up later in the week. */
export function digestWindowOpen(now: Date): boolean {
  return now >= mondayNine(now);
}

/** The practice published this week (Paris, from Monday 00:00) up to `now`, newest first. */
export async function weeklyPractice(now: Date) {
  // Monday 09:00 minus 9 hours is Monday midnight: summer time changes on a Sunday night.
  const weekStart = new Date(mondayNine(now).getTime() - 9 * 3_600_000);
  const [row] = await db()
    .select({ id: practices.id, number: practices.number, slug: practices.slug, title: practices.title, summary: practices.summary, determinants: practices.determinants })
    .from(practices)
    .where(and(eq(practices.series, SERIES), gte(practices.publishAt, weekStart), lte(practices.publishAt, now)))
    .orderBy(desc(practices.publishAt), desc(practices.number))
    .limit(1);
  return row ?? null;
}

type WeeklyPractice = NonNullable<Awaited<ReturnType<typeof weeklyPractice>>>;

/** For members: two other published practices sharing a determinant with the week's, newest first. */
export async function digestRecommendations(practice: WeeklyPractice, now: Date) {
  if (practice.determinants.length === 0) return [];
  return db()
    .select({ number: practices.number, slug: practices.slug, title: practices.title })
    .from(practices)
    .where(and(eq(practices.series, SERIES), ne(practices.id, practice.id), lte(practices.publishAt, now), arrayOverlaps(practices.determinants, practice.determinants)))
    .orderBy(desc(practices.publishAt), desc(practices.number))
    .limit(2);
}

type Variants = { citizen: RenderedEmail; member: RenderedEmail };

async function renderVariants(practice: WeeklyPractice, now: Date): Promise<Variants> {
  const appUrl = env().APP_URL;
  const recommended = await digestRecommendations(practice, now);
  const common = {
    practice: {
      number: practice.number,
      title: practice.title,
      summary: practice.summary,
      determinants: practice.determinants.map((code) => practiceDeterminantLabels[code] ?? code),
      url: `${appUrl}${practicePath(practice)}`,
    },
    practicesUrl: `${appUrl}/bonnes-pratiques`,
    unsubscribeUrl: unsubscribeUrl(TOKEN_PLACEHOLDER),
  };
  return {
    citizen: await renderEmail("practice-digest", { ...common, recommendations: [] }),
    member: await renderEmail("practice-digest", {
      ...common,
      recommendations: recommended.map((r) => ({ number: r.number, title: r.title, url: `${appUrl}${practicePath(r)}` })),
    }),
  };
}

/** The RFC 8058 headers: mail clients show an "unsubscribe" button that POSTs to the link. */
export function unsubscribeHeaders(token: string): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribeUrl(token)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

export const digestIdempotencyKey = (practiceId: string, subscriberId: string) => `digest:${practiceId}:${subscriberId}`;

/**
 * One batch, one transaction. `afterClaim` exists for the crash test (it runs between the claim
 * and the e-mails; throwing there must leave nothing claimed).
 */
async function deliverBatch(practice: WeeklyPractice, variants: Variants, batchSize: number, afterClaim?: (claimed: number) => void) {
  return db().transaction(async (tx) => {
    const due = await tx
      .select({ id: digestSubscribers.id, email: digestSubscribers.email, userId: digestSubscribers.userId, unsubscribeToken: digestSubscribers.unsubscribeToken })
      .from(digestSubscribers)
      .where(
        and(
          eq(digestSubscribers.status, "active"),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(practiceDeliveries)
              .where(and(eq(practiceDeliveries.subscriberId, digestSubscribers.id), eq(practiceDeliveries.practiceId, practice.id))),
          ),
        ),
      )
      .orderBy(asc(digestSubscribers.id))
      .limit(batchSize)
      .for("update", { skipLocked: true });
    if (due.length === 0) return { selected: 0, claimed: 0 };

    const claimed = await tx
      .insert(practiceDeliveries)
      .values(due.map((s) => ({ subscriberId: s.id, practiceId: practice.id })))
      .onConflictDoNothing()
      .returning({ subscriberId: practiceDeliveries.subscriberId });
    afterClaim?.(claimed.length);
    if (claimed.length === 0) return { selected: due.length, claimed: 0 };

    const claimedIds = new Set(claimed.map((c) => c.subscriberId));
    const messages: RenderedEnqueueInput[] = [];
    for (const subscriber of due) {
      if (!claimedIds.has(subscriber.id)) continue;
      const copy = subscriber.userId ? variants.member : variants.citizen;
      messages.push({
        template: "practice-digest",
        to: subscriber.email,
        idempotencyKey: digestIdempotencyKey(practice.id, subscriber.id),
        headers: unsubscribeHeaders(subscriber.unsubscribeToken),
        subject: copy.subject,
        html: copy.html.replaceAll(TOKEN_PLACEHOLDER, subscriber.unsubscribeToken),
        text: copy.text.replaceAll(TOKEN_PLACEHOLDER, subscriber.unsubscribeToken),
      });
    }
    await enqueueRenderedEmails(messages, tx);
    // Link each delivery to its message (joined on the outbox's unique idempotency key).
    await tx
      .update(practiceDeliveries)
      .set({ outboxId: emailOutbox.id })
      .from(emailOutbox)
      .where(
        and(
          eq(practiceDeliveries.practiceId, practice.id),
          inArray(practiceDeliveries.subscriberId, [...claimedIds]),
          eq(emailOutbox.idempotencyKey, sql`'digest:' || ${practiceDeliveries.practiceId} || ':' || ${practiceDeliveries.subscriberId}`),
        ),
      );
    return { selected: due.length, claimed: claimed.length };
  });
}

export type DigestRun = { practiceId: string | null; sent: number };

/** The job: safe to run hourly on every instance (see the header comment). */
export async function sendWeeklyDigest(now = new Date(), options: { batchSize?: number; afterClaim?: (claimed: number) => void } = {}): Promise<DigestRun> {
  if (!digestWindowOpen(now)) return { practiceId: null, sent: 0 };
  const practice = await weeklyPractice(now);
  if (!practice) return { practiceId: null, sent: 0 };
  const variants = await renderVariants(practice, now);
  let sent = 0;
  for (;;) {
    const batch = await deliverBatch(practice, variants, options.batchSize ?? DIGEST_BATCH, options.afterClaim);
    if (batch.selected === 0) break;
    sent += batch.claimed;
  }
  return { practiceId: practice.id, sent };
}
