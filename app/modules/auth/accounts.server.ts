import { eq, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { sessions, users } from "../../../db/schema";
import { env } from "~/env.server";
import { enqueueEmail } from "../mail/outbox.server";
import { clientMeta } from "../observability/request-context.server";
import { consumeToken, issueToken, tokenLifetimesMinutes } from "./one-time-tokens.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
import { consume, peek, rateLimits, resetLimit, tooManyAttemptsMessage } from "./rate-limit.server";
import { createSession } from "./session.server";
import { describeDevice, formatDateTime } from "~/utils/format";

export async function findUserByEmail(email: string) {
  const [user] = await db()
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return user ?? null;
}

function link(path: string, token: string) {
  return `${env().APP_URL}${path}?token=${encodeURIComponent(token)}`;
}

async function sendVerificationEmail(user: { id: string; email: string; name: string | null }) {
  const { token } = await issueToken("email_verification", user.id);
  await enqueueEmail({
    template: "verify-email",
    to: user.email,
    props: { name: user.name, url: link("/verification-email", token) },
    idempotencyKey: `verify-email:${user.id}:${token.slice(0, 12)}`,
  });
}

async function sendMagicLink(user: { id: string; email: string }) {
  const { token } = await issueToken("magic_link", user.id);
  await enqueueEmail({
    template: "magic-link",
    to: user.email,
    props: { url: link("/connexion/lien", token), expiresInMinutes: tokenLifetimesMinutes.magic_link },
    idempotencyKey: `magic-link:${user.id}:${token.slice(0, 12)}`,
  });
}

export type Result<T> = ({ ok: true } & T) | { ok: false; formError: string };

/**
 * Sign-up never tells whether the address already has an account: a new address gets a
 * verification link, a known one gets a sign-in link; the page says the same thing.
 */
export async function signUp(input: { name: string; email: string; password: string }): Promise<Result<object>> {
  const { ipAddress } = clientMeta();
  const limited = await consume(`signup:ip:${ipAddress ?? "inconnue"}`, rateLimits.signupPerIp);
  if (!limited.allowed) return { ok: false, formError: tooManyAttemptsMessage(limited.retryAfterSeconds) };
  const passwordHash = await hashPassword(input.password);
  const [created] = await db()
    .insert(users)
    .values({ email: input.email, name: input.name, passwordHash })
    .onConflictDoNothing()
    .returning({ id: users.id, email: users.email, name: users.name });
  if (created) {
    await sendVerificationEmail(created);
  } else {
    const existing = await findUserByEmail(input.email);
    if (existing) await sendMagicLinkIfAllowed(existing);
  }
  return { ok: true };
}

async function sendMagicLinkIfAllowed(user: { id: string; email: string }) {
  const perAccount = await consume(`email-link:account:${user.id}`, rateLimits.emailLinkPerAccount);
  if (perAccount.allowed) await sendMagicLink(user);
}

export async function resendVerification(userId: string) {
  const [user] = await db().select().from(users).where(eq(users.id, userId));
  if (!user || user.emailVerifiedAt) return;
  const limited = await consume(`email-link:account:${user.id}`, rateLimits.emailLinkPerAccount);
  if (limited.allowed) await sendVerificationEmail(user);
}

export async function loginWithPassword(input: { email: string; password: string }): Promise<Result<{ token: string; userId: string }>> {
  const { ipAddress, userAgent } = clientMeta();
  const accountKey = `login-fail:account:${input.email}`;
  const ipKey = `login-fail:ip:${ipAddress ?? "inconnue"}`;
  for (const [key, rule] of [
    [accountKey, rateLimits.loginFailuresPerAccount],
    [ipKey, rateLimits.loginFailuresPerIp],
  ] as const) {
    const decision = await peek(key, rule);
    if (!decision.allowed) return { ok: false, formError: tooManyAttemptsMessage(decision.retryAfterSeconds) };
  }
  const user = await findUserByEmail(input.email);
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
  if (!user || !valid) {
    await consume(accountKey, rateLimits.loginFailuresPerAccount);
    await consume(ipKey, rateLimits.loginFailuresPerIp);
    return { ok: false, formError: "Adresse e-mail ou mot de passe incorrect." };
  }
  await resetLimit(accountKey);
  const { token } = await openSignInSession(user.id);
  return { ok: true, token, userId: user.id };
}

/**
 * The session of a sign-in (password, magic link, ProConnect): an account's first session on a
 * device it has not used before sends the "new sign-in" e-mail.
 */
export async function openSignInSession(userId: string, options: { proconnectIdToken?: string } = {}) {
  const { ipAddress, userAgent } = clientMeta();
  const known = await isKnownDevice(userId, userAgent);
  const created = await createSession(userId, { userAgent, ipAddress, proconnectIdToken: options.proconnectIdToken });
  if (!known) {
    const [user] = await db().select().from(users).where(eq(users.id, userId));
    if (user) await notifyNewSignIn(user, created.session.id);
  }
  return created;
}

async function isKnownDevice(userId: string, userAgent: string | null) {
  const rows = await db().select({ userAgent: sessions.userAgent }).from(sessions).where(eq(sessions.userId, userId));
  return rows.length === 0 || rows.some((row) => row.userAgent === userAgent);
}

async function notifyNewSignIn(user: { id: string; email: string; name: string | null }, sessionId: string) {
  const { ipAddress, userAgent } = clientMeta();
  await enqueueEmail({
    template: "new-sign-in",
    to: user.email,
    props: {
      name: user.name,
      when: formatDateTime(new Date()),
      device: describeDevice(userAgent),
      ip: ipAddress,
      sessionsUrl: `${env().APP_URL}/compte/sessions`,
    },
    idempotencyKey: `new-sign-in:${sessionId}`,
  });
}

/** Same answer whether or not the address has an account. */
export async function requestMagicLink(email: string): Promise<Result<object>> {
  const { ipAddress } = clientMeta();
  const perIp = await consume(`email-link:ip:${ipAddress ?? "inconnue"}`, rateLimits.emailLinkPerIp);
  if (!perIp.allowed) return { ok: false, formError: tooManyAttemptsMessage(perIp.retryAfterSeconds) };
  const user = await findUserByEmail(email);
  if (user) await sendMagicLinkIfAllowed(user);
  return { ok: true };
}

/** A magic link proves the address: it also verifies it. */
export async function loginWithMagicLink(token: string): Promise<Result<{ token: string; userId: string }>> {
  const used = await consumeToken("magic_link", token);
  if (!used) return { ok: false, formError: "Ce lien de connexion n'est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau." };
  await db().update(users).set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` }).where(eq(users.id, used.userId));
  const opened = await openSignInSession(used.userId);
  return { ok: true, token: opened.token, userId: used.userId };
}

export async function verifyEmail(token: string): Promise<Result<{ token: string; userId: string }>> {
  const used = await consumeToken("email_verification", token);
  if (!used) return { ok: false, formError: "Ce lien de vérification n'est plus valable (déjà utilisé ou expiré)." };
  await db().update(users).set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` }).where(eq(users.id, used.userId));
  const { ipAddress, userAgent } = clientMeta();
  const session = await createSession(used.userId, { userAgent, ipAddress });
  return { ok: true, token: session.token, userId: used.userId };
}

export async function requestPasswordReset(email: string): Promise<Result<object>> {
  const { ipAddress } = clientMeta();
  const perIp = await consume(`email-link:ip:${ipAddress ?? "inconnue"}`, rateLimits.emailLinkPerIp);
  if (!perIp.allowed) return { ok: false, formError: tooManyAttemptsMessage(perIp.retryAfterSeconds) };
  const user = await findUserByEmail(email);
  if (user) {
    const perAccount = await consume(`email-link:account:${user.id}`, rateLimits.emailLinkPerAccount);
    if (perAccount.allowed) {
      const { token } = await issueToken("password_reset", user.id);
      await enqueueEmail({
        template: "reset-password",
        to: user.email,
        props: { url: link("/mot-de-passe/nouveau", token), expiresInMinutes: tokenLifetimesMinutes.password_reset },
        idempotencyKey: `reset-password:${user.id}:${token.slice(0, 12)}`,
      });
    }
  }
  return { ok: true };
}

/** Sets the new password, closes every session of the account, then opens a fresh one. */
export async function resetPassword(token: string, password: string): Promise<Result<{ token: string; userId: string }>> {
  const passwordHash = await hashPassword(password);
  const userId = await db().transaction(async (tx) => {
    const used = await consumeToken("password_reset", token, tx);
    if (!used) return null;
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, used.userId));
    await tx.delete(sessions).where(eq(sessions.userId, used.userId));
    return used.userId;
  });
  if (!userId) return { ok: false, formError: "Ce lien de réinitialisation n'est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau." };
  await resetLimit(`login-fail:account:${(await db().select({ email: users.email }).from(users).where(eq(users.id, userId)))[0]?.email}`);
  const { ipAddress, userAgent } = clientMeta();
  const session = await createSession(userId, { userAgent, ipAddress });
  return { ok: true, token: session.token, userId };
}
