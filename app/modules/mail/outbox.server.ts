import { and, desc, eq, inArray, lte, or, sql } from "drizzle-orm";
import { Resend } from "resend";
import { db, type Executor } from "../../../db/client";
import { emailOutbox } from "../../../db/schema";
import { env } from "~/env.server";
import { renderEmail, type EmailProps, type EmailTemplateName, type RenderedEmail } from "./templates.server";

export type EnqueueInput<N extends EmailTemplateName> = {
  template: N;
  to: string;
  props: EmailProps<N>;
  /** One row per logical message: enqueuing the same key twice sends once. */
  idempotencyKey: string;
  tenantId?: string | null;
  headers?: Record<string, string>;
};

/** A message of any template (for batches mixing templates). */
export type AnyEnqueueInput = { [N in EmailTemplateName]: EnqueueInput<N> }[EmailTemplateName];

export const MAX_SEND_ATTEMPTS = 5;
/** Messages per insert statement when enqueuing many. */
const ENQUEUE_BATCH = 500;

/**
 * Renders the message and writes it to the outbox. It is sent later by the outbox job
 * (never inline in the request). Without RESEND_API_KEY the message is kept in the outbox,
 * readable at /dev/boite-mail in demo mode.
 */
export async function enqueueEmail<N extends EmailTemplateName>(input: EnqueueInput<N>, executor: Executor = db()) {
  const { created } = await enqueueEmails([input as AnyEnqueueInput], executor);
  return { created: created > 0 };
}

/**
 * `enqueueEmail` for many messages (a publication tells thousands of members): the same rows,
 * written ENQUEUE_BATCH at a time instead of one statement each. Returns how many were new.
 */
export async function enqueueEmails(inputs: AnyEnqueueInput[], executor: Executor = db()) {
  const rendered: RenderedEnqueueInput[] = [];
  for (const input of inputs) {
    const { template, to, idempotencyKey, tenantId, headers } = input;
    rendered.push({ template, to, idempotencyKey, tenantId, headers, ...(await renderEmail(input.template, input.props as EmailProps<typeof input.template>)) });
  }
  return enqueueRenderedEmails(rendered, executor);
}

/** A message already rendered (a mass mailing renders its template once and personalises the copies). */
export type RenderedEnqueueInput = Omit<AnyEnqueueInput, "props"> & RenderedEmail;

/** Writes rendered messages to the outbox, ENQUEUE_BATCH per statement. Returns how many were new. */
export async function enqueueRenderedEmails(inputs: RenderedEnqueueInput[], executor: Executor = db()) {
  let created = 0;
  for (let start = 0; start < inputs.length; start += ENQUEUE_BATCH) {
    const values: (typeof emailOutbox.$inferInsert)[] = inputs.slice(start, start + ENQUEUE_BATCH).map((input) => ({
      idempotencyKey: input.idempotencyKey,
      template: input.template,
      toAddress: input.to,
      subject: input.subject,
      html: input.html,
      text: input.text,
      headers: input.headers ? JSON.stringify(input.headers) : null,
      status: env().RESEND_API_KEY ? "queued" : "kept",
      tenantId: input.tenantId ?? null,
    }));
    const rows = await executor.insert(emailOutbox).values(values).onConflictDoNothing({ target: emailOutbox.idempotencyKey }).returning({ id: emailOutbox.id });
    created += rows.length;
  }
  if (created > 0) scheduleOutboxDrain();
  return { created };
}

let resendClient: Resend | undefined;
function resend() {
  const { RESEND_API_KEY, RESEND_BASE_URL } = env();
  if (!RESEND_API_KEY) return null;
  resendClient ??= new Resend(RESEND_API_KEY, RESEND_BASE_URL ? { baseUrl: RESEND_BASE_URL } : undefined);
  return resendClient;
}

/** Back-off before the next attempt: 1, 4, 9, 16 minutes. */
export function retryDelayMs(attempts: number) {
  return attempts * attempts * 60_000;
}

/**
 * Claims due messages with row locks (SKIP LOCKED: two instances never take the same row)
 * and sends them. A row claimed by an instance that crashed becomes due again after 5 minutes.
 */
export async function drainOutbox(batchSize = 20): Promise<{ sent: number; failed: number }> {
  const client = resend();
  if (!client) return { sent: 0, failed: 0 };
  const claimed = await db().transaction(async (tx) => {
    const due = await tx
      .select({ id: emailOutbox.id })
      .from(emailOutbox)
      .where(and(or(eq(emailOutbox.status, "queued"), eq(emailOutbox.status, "sending")), lte(emailOutbox.nextAttemptAt, sql`now()`)))
      .orderBy(emailOutbox.createdAt)
      .limit(batchSize)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(emailOutbox)
      .set({ status: "sending", attempts: sql`${emailOutbox.attempts} + 1`, nextAttemptAt: sql`now() + interval '5 minutes'` })
      .where(inArray(emailOutbox.id, due.map((d) => d.id)))
      .returning();
  });
  let sent = 0;
  let failed = 0;
  for (const message of claimed) {
    const { data, error } = await client.emails.send(
      {
        from: env().MAIL_FROM,
        to: message.toAddress,
        subject: message.subject,
        html: message.html,
        text: message.text,
        headers: message.headers ? (JSON.parse(message.headers) as Record<string, string>) : undefined,
      },
      { idempotencyKey: message.idempotencyKey.slice(0, 256) },
    );
    if (data && !error) {
      sent++;
      // Once the provider has it, the body is not kept: it may carry a one-time link (sign-in,
      // reset, invitation, ProConnect link) or an unsubscribe token, stored hashed everywhere else.
      // The row stays as the record of what was sent, to whom and when.
      await db()
        .update(emailOutbox)
        .set({ status: "sent", providerId: data.id, sentAt: sql`now()`, lastError: null, html: "", text: "", headers: null })
        .where(eq(emailOutbox.id, message.id));
    } else {
      failed++;
      const giveUp = message.attempts >= MAX_SEND_ATTEMPTS;
      await db()
        .update(emailOutbox)
        .set({
          status: giveUp ? "failed" : "queued",
          lastError: error?.message ?? "Erreur inconnue",
          nextAttemptAt: new Date(Date.now() + retryDelayMs(message.attempts)),
        })
        .where(eq(emailOutbox.id, message.id));
    }
  }
  return { sent, failed };
}

let drainScheduled = false;
/** Asks the outbox job to run soon, outside the current request. */
export function scheduleOutboxDrain() {
  if (drainScheduled || !env().RESEND_API_KEY) return;
  drainScheduled = true;
  setTimeout(() => {
    drainScheduled = false;
    drainOutbox().catch((error) => console.error(JSON.stringify({ level: "error", msg: "outbox drain failed", error: String(error) })));
  }, 50).unref();
}

export async function listOutbox(limit = 100) {
  return db()
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      template: emailOutbox.template,
      status: emailOutbox.status,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(limit);
}

export async function getOutboxMessage(id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.id, id));
  return row ?? null;
}
