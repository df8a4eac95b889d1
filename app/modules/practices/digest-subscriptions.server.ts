/**
 * Who receives the weekly practice. Anyone may subscribe with an e-mail address (double opt-in:
 * nothing is sent before the link in the confirmation e-mail is used); a signed-in user with a
 * verified address opts in or out from the account page. Every e-mail carries the subscriber's
 * one-click unsubscribe link, honoured for ever (the token is kept, even after unsubscribing).
 */
import { and, eq, gt, or, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { digestSubscribers } from "../../../db/schema";
import { env } from "~/env.server";
import type { Result } from "../auth/accounts.server";
import { generateRandomToken, hashSecretHex } from "../auth/crypto.server";
import type { SessionUser } from "../auth/session.server";
import { consume, tooManyAttemptsMessage, type RateLimit } from "../auth/rate-limit.server";
import { enqueueEmail } from "../mail/outbox.server";
import { ONE_CLICK_UNSUBSCRIBE_PATH } from "../observability/csrf";
import { clientMeta } from "../observability/request-context.server";

export const confirmLifetimeMinutes = 48 * 60;

/** Public form: per IP against scripted sign-ups, per address so nobody's inbox gets flooded. */
export const subscriptionLimits = {
  perIp: { limit: 20, windowSeconds: 60 * 60 },
  perAddress: { limit: 3, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimit>;

export const digestPaths = {
  subscribe: "/bonnes-pratiques/abonnement",
  confirm: "/bonnes-pratiques/abonnement/confirmer",
  unsubscribe: ONE_CLICK_UNSUBSCRIBE_PATH,
} as const;

const TOKEN_FORMAT = /^[a-z2-7]{16,64}$/;

export function unsubscribeUrl(token: string) {
  return `${env().APP_URL}${digestPaths.unsubscribe}?jeton=${token}`;
}

const normalise = (email: string) => email.trim().toLowerCase();

/**
 * Starts (or restarts) a subscription and sends the confirmation link. Same answer whether the
 * address was unknown, pending, unsubscribed or already active (an active one gets no e-mail).
 */
export async function requestSubscription(email: string): Promise<Result<object>> {
  const { ipAddress } = clientMeta();
  const perIp = await consume(`digest-subscribe:ip:${ipAddress ?? "inconnue"}`, subscriptionLimits.perIp);
  if (!perIp.allowed) return { ok: false, formError: tooManyAttemptsMessage(perIp.retryAfterSeconds) };
  const address = normalise(email);
  const perAddress = await consume(`digest-subscribe:email:${address}`, subscriptionLimits.perAddress);
  if (!perAddress.allowed) return { ok: true };

  const token = generateRandomToken(20);
  const pending = { status: "pending" as const, confirmTokenHash: hashSecretHex(token), confirmExpiresAt: new Date(Date.now() + confirmLifetimeMinutes * 60_000) };
  await db().transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: digestSubscribers.id, status: digestSubscribers.status })
      .from(digestSubscribers)
      .where(sql`lower(${digestSubscribers.email}) = ${address}`)
      .for("update");
    let subscriberId: string | undefined;
    if (!existing) {
      const [created] = await tx
        .insert(digestSubscribers)
        .values({ email: address, unsubscribeToken: generateRandomToken(20), ...pending })
        .onConflictDoNothing()
        .returning({ id: digestSubscribers.id });
      subscriberId = created?.id; // undefined: a concurrent request for the same address won, it sends the e-mail
    } else if (existing.status !== "active") {
      await tx.update(digestSubscribers).set(pending).where(eq(digestSubscribers.id, existing.id));
      subscriberId = existing.id;
    }
    if (!subscriberId) return;
    await enqueueEmail(
      {
        template: "digest-confirm",
        to: address,
        props: { url: `${env().APP_URL}${digestPaths.confirm}?jeton=${token}`, expiresInMinutes: confirmLifetimeMinutes },
        idempotencyKey: `digest-confirm:${subscriberId}:${token.slice(0, 12)}`,
      },
      tx,
    );
  });
  return { ok: true };
}

function confirmable(token: string) {
  return and(eq(digestSubscribers.confirmTokenHash, hashSecretHex(token)), eq(digestSubscribers.status, "pending"), gt(digestSubscribers.confirmExpiresAt, sql`now()`));
}

/** Checks a confirmation link without using it (the page shows a button: mail scanners follow links). */
export async function peekConfirmation(token: string): Promise<boolean> {
  if (!TOKEN_FORMAT.test(token)) return false;
  const [row] = await db().select({ id: digestSubscribers.id }).from(digestSubscribers).where(confirmable(token));
  return Boolean(row);
}

/** Activates the subscription; the token is single use (its hash is cleared in the same statement). */
export async function confirmSubscription(token: string): Promise<Result<{ email: string; unsubscribeUrl: string }>> {
  const invalid = { ok: false as const, formError: "Ce lien de confirmation n'est plus valable (déjà utilisé ou expiré). Abonnez-vous à nouveau." };
  if (!TOKEN_FORMAT.test(token)) return invalid;
  const [row] = await db()
    .update(digestSubscribers)
    .set({ status: "active", confirmedAt: sql`now()`, unsubscribedAt: null, confirmTokenHash: null, confirmExpiresAt: null })
    .where(confirmable(token))
    .returning({ email: digestSubscribers.email, unsubscribeToken: digestSubscribers.unsubscribeToken });
  return row ? { ok: true, email: row.email, unsubscribeUrl: unsubscribeUrl(row.unsubscribeToken) } : invalid;
}

/** The subscription an unsubscribe link points to (to show what it will do before the POST). */
export async function findByUnsubscribeToken(token: string) {
  if (!TOKEN_FORMAT.test(token)) return null;
  const [row] = await db().select({ email: digestSubscribers.email, status: digestSubscribers.status }).from(digestSubscribers).where(eq(digestSubscribers.unsubscribeToken, token));
  return row ?? null;
}

/** One-click unsubscribe: idempotent, a second click (or a provider's retry) changes nothing. */
export async function unsubscribe(token: string): Promise<boolean> {
  if (!TOKEN_FORMAT.test(token)) return false;
  const [row] = await db()
    .update(digestSubscribers)
    .set({
      status: "unsubscribed",
      unsubscribedAt: sql`coalesce(${digestSubscribers.unsubscribedAt}, now())`,
      confirmTokenHash: null,
      confirmExpiresAt: null,
    })
    .where(eq(digestSubscribers.unsubscribeToken, token))
    .returning({ id: digestSubscribers.id });
  return Boolean(row);
}

function ownedBy(user: Pick<SessionUser, "id" | "email">) {
  return or(eq(digestSubscribers.userId, user.id), sql`lower(${digestSubscribers.email}) = ${normalise(user.email)}`);
}

export async function memberReceivesDigest(user: Pick<SessionUser, "id" | "email">): Promise<boolean> {
  const rows = await db().select({ status: digestSubscribers.status }).from(digestSubscribers).where(ownedBy(user));
  return rows.some((r) => r.status === "active");
}

/** Account opt-in/out. A verified address needs no double opt-in: it is already proven. */
export async function setMemberDigest(user: Pick<SessionUser, "id" | "email" | "emailVerified">, receive: boolean): Promise<Result<object>> {
  if (!receive) {
    await db()
      .update(digestSubscribers)
      .set({ status: "unsubscribed", unsubscribedAt: sql`now()`, confirmTokenHash: null, confirmExpiresAt: null })
      .where(and(ownedBy(user), sql`${digestSubscribers.status} <> 'unsubscribed'`));
    return { ok: true };
  }
  if (!user.emailVerified) return { ok: false, formError: "Confirmez d'abord votre adresse e-mail (lien reçu à l'inscription) pour vous abonner." };
  const active = { status: "active" as const, userId: user.id, confirmedAt: sql`coalesce(${digestSubscribers.confirmedAt}, now())`, unsubscribedAt: null, confirmTokenHash: null, confirmExpiresAt: null };
  await db().transaction(async (tx) => {
    const [existing] = await tx.select({ id: digestSubscribers.id }).from(digestSubscribers).where(ownedBy(user)).limit(1).for("update");
    if (existing) {
      await tx.update(digestSubscribers).set(active).where(eq(digestSubscribers.id, existing.id));
      return;
    }
    const [created] = await tx
      .insert(digestSubscribers)
      .values({ email: normalise(user.email), unsubscribeToken: generateRandomToken(20), status: "active", userId: user.id, confirmedAt: sql`now()` })
      .onConflictDoNothing()
      .returning({ id: digestSubscribers.id });
    // A concurrent subscription of the same address: activate that row instead.
    if (!created) await tx.update(digestSubscribers).set(active).where(sql`lower(${digestSubscribers.email}) = ${normalise(user.email)}`);
  });
  return { ok: true };
}
