import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { sessions, users } from "../../../db/schema";
import { emailsTo, lastEmailTo, tokenFromEmail } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import {
  findUserByEmail,
  loginWithMagicLink,
  loginWithPassword,
  requestMagicLink,
  requestPasswordReset,
  resetPassword,
  signUp,
  verifyEmail,
} from "./accounts.server";

useTestDatabase();

const password = "Une phrase de passe solide 2027";
let n = 0;
const newEmail = () => `personne-${Date.now()}-${n++}@exemple.fr`;

async function signedUpAndVerified() {
  const email = newEmail();
  expect((await signUp({ name: "Camille Martin", email, password })).ok).toBe(true);
  const verification = await lastEmailTo(email);
  const outcome = await verifyEmail(tokenFromEmail(verification!.text, "/verification-email"));
  expect(outcome.ok).toBe(true);
  return email;
}

describe("sign-up and e-mail verification", () => {
  it("creates an unverified account and sends a verification link that logs in once", async () => {
    const email = newEmail();
    expect(await signUp({ name: "Camille Martin", email, password })).toEqual({ ok: true });
    const user = await findUserByEmail(email);
    expect(user?.emailVerifiedAt).toBeNull();
    expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const mail = await lastEmailTo(email);
    expect(mail?.template).toBe("verify-email");
    const token = tokenFromEmail(mail!.text, "/verification-email");
    const first = await verifyEmail(token);
    expect(first.ok).toBe(true);
    expect((await findUserByEmail(email))?.emailVerifiedAt).toBeInstanceOf(Date);
    expect((await verifyEmail(token)).ok).toBe(false);
  });

  it("answers the same for a known address, sends a sign-in link instead, and creates nothing", async () => {
    const email = await signedUpAndVerified();
    const before = await db().select({ count: sql<number>`count(*)::int` }).from(users);
    expect(await signUp({ name: "Quelqu'un d'autre", email: email, password: "Un autre mot de passe long" })).toEqual({ ok: true });
    const after = await db().select({ count: sql<number>`count(*)::int` }).from(users);
    expect(after[0]!.count).toBe(before[0]!.count);
    expect((await lastEmailTo(email))?.template).toBe("magic-link");
    // The original password still works: the second sign-up changed nothing.
    expect((await loginWithPassword({ email, password })).ok).toBe(true);
  });
});

describe("password login", () => {
  it("opens a new session on each login and never reuses one", async () => {
    const email = await signedUpAndVerified();
    const first = await loginWithPassword({ email, password });
    const second = await loginWithPassword({ email, password });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect(first.token).not.toBe(second.token);
    expect(first.token).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);
    const stored = await db().select().from(sessions).where(eq(sessions.id, first.token.split(".")[0]!));
    // Only the hash of the secret is stored.
    expect(Buffer.from(stored[0]!.secretHash).toString("utf8")).not.toContain(first.token.split(".")[1]);
  });

  it("gives the same message for a wrong password and an unknown address", async () => {
    const email = await signedUpAndVerified();
    const wrong = await loginWithPassword({ email, password: "pas le bon mot de passe" });
    const unknown = await loginWithPassword({ email: newEmail(), password });
    expect(wrong).toEqual({ ok: false, formError: "Adresse e-mail ou mot de passe incorrect." });
    expect(unknown).toEqual(wrong);
  });

  it("locks an account after 10 wrong passwords, even for the right one, with a French message", async () => {
    const email = await signedUpAndVerified();
    for (let i = 0; i < 10; i++) expect((await loginWithPassword({ email, password: `mauvais-${i}-mot-de-passe` })).ok).toBe(false);
    const locked = await loginWithPassword({ email, password });
    expect(locked.ok).toBe(false);
    if (!locked.ok) expect(locked.formError).toMatch(/^Trop de tentatives\. Par sécurité, réessayez dans \d+ minutes?\.$/);
  });

  it("notifies a sign-in from a new device", async () => {
    const email = await signedUpAndVerified();
    // The verification session has no user agent; this login has none either: known device.
    await loginWithPassword({ email, password });
    expect((await emailsTo(email)).filter((m) => m.template === "new-sign-in")).toHaveLength(0);
  });
});

describe("magic link", () => {
  it("logs in once, within its lifetime, and says the same for unknown addresses", async () => {
    const email = await signedUpAndVerified();
    expect(await requestMagicLink(email)).toEqual({ ok: true });
    expect(await requestMagicLink(newEmail())).toEqual({ ok: true });
    const token = tokenFromEmail((await lastEmailTo(email))!.text, "/connexion/lien");
    expect((await loginWithMagicLink(token)).ok).toBe(true);
    expect((await loginWithMagicLink(token)).ok).toBe(false);
  });

  it("refuses an expired link", async () => {
    const email = await signedUpAndVerified();
    await requestMagicLink(email);
    const token = tokenFromEmail((await lastEmailTo(email))!.text, "/connexion/lien");
    await db().execute(sql`update one_time_tokens set expires_at = now() - interval '1 second' where purpose = 'magic_link'`);
    expect((await loginWithMagicLink(token)).ok).toBe(false);
  });
});

describe("password reset", () => {
  it("sets the new password, closes every existing session and is single-use", async () => {
    const email = await signedUpAndVerified();
    const user = await findUserByEmail(email);
    await loginWithPassword({ email, password });
    await loginWithPassword({ email, password });
    expect((await db().select().from(sessions).where(eq(sessions.userId, user!.id))).length).toBe(3);

    expect(await requestPasswordReset(email)).toEqual({ ok: true });
    const token = tokenFromEmail((await lastEmailTo(email))!.text, "/mot-de-passe/nouveau");
    const newPassword = "Nouvelle phrase de passe 2028";
    const outcome = await resetPassword(token, newPassword);
    expect(outcome.ok).toBe(true);
    const remaining = await db().select().from(sessions).where(eq(sessions.userId, user!.id));
    expect(remaining).toHaveLength(1);
    if (outcome.ok) expect(remaining[0]!.id).toBe(outcome.token.split(".")[0]);

    expect((await loginWithPassword({ email, password })).ok).toBe(false);
    expect((await loginWithPassword({ email, password: newPassword })).ok).toBe(true);
    expect((await resetPassword(token, "Encore une autre phrase 2029")).ok).toBe(false);
  });
});
