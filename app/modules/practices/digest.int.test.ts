import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { digestSubscribers, emailOutbox, practiceDeliveries, practices } from "../../../db/schema";
import { emailsTo, makeUser } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { env } from "~/env.server";
import { digestWindowOpen, sendWeeklyDigest } from "./digest.server";
import { confirmSubscription, findByUnsubscribeToken, memberReceivesDigest, peekConfirmation, requestSubscription, setMemberDigest, unsubscribe } from "./digest-subscriptions.server";

useTestDatabase();

/** Monday 23 November 2026, 09:30 in Paris; the practice of the week went out at 09:00. */
const monday = new Date("2026-11-23T08:30:00Z");
const nextMonday = new Date("2026-11-30T08:30:00Z");
const thirdMonday = new Date("2026-12-07T08:30:00Z");

async function practice(number: number, publishAt: string, determinants: string[] = ["joignabilite"]) {
  const [row] = await db()
    .insert(practices)
    .values({ number, slug: `pratique-${number}`, title: `Pratique ${number}`, summary: `Résumé de la pratique ${number}.`, body: "Corps.", determinants, publishAt: new Date(publishAt) })
    .returning({ id: practices.id });
  return row!.id;
}

const confirmTokenOf = (text: string) => /\/bonnes-pratiques\/abonnement\/confirmer\?jeton=([a-z2-7]+)/.exec(text)?.[1] ?? "";
const digestsTo = async (email: string) => (await emailsTo(email)).filter((m) => m.template === "practice-digest");
const subscriberOf = async (email: string) => (await db().select().from(digestSubscribers).where(eq(digestSubscribers.email, email)))[0]!;

async function subscribeAndConfirm(email: string) {
  expect(await requestSubscription(email)).toEqual({ ok: true });
  const [message] = (await emailsTo(email)).filter((m) => m.template === "digest-confirm");
  expect(await confirmSubscription(confirmTokenOf(message!.text))).toMatchObject({ ok: true, email });
}

let weekly: string;
let member: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  await practice(1, "2026-11-02T08:00:00Z", ["joignabilite"]);
  await practice(2, "2026-11-09T08:00:00Z", ["reactivite"]);
  await practice(3, "2026-11-16T08:00:00Z", ["joignabilite", "reactivite"]);
  weekly = await practice(4, "2026-11-23T08:00:00Z", ["joignabilite", "reactivite"]);
  member = await makeUser({ emailVerifiedAt: new Date() });
});

describe("double opt-in", () => {
  it("sends a confirmation link that works once", async () => {
    expect(await requestSubscription("Camille@Example.test")).toEqual({ ok: true });
    const [message] = await emailsTo("camille@example.test");
    expect(message!.subject).toBe("Confirmez votre abonnement à la bonne pratique de la semaine");
    const token = confirmTokenOf(message!.text);
    expect(message!.text).toContain(`${env().APP_URL}/bonnes-pratiques/abonnement/confirmer?jeton=${token}`);
    expect((await subscriberOf("camille@example.test")).status).toBe("pending");
    // Only the hash is stored.
    expect((await subscriberOf("camille@example.test")).confirmTokenHash).not.toContain(token);

    expect(await peekConfirmation(token)).toBe(true);
    expect(await confirmSubscription(token)).toEqual({
      ok: true,
      email: "camille@example.test",
      unsubscribeUrl: `${env().APP_URL}/bonnes-pratiques/desabonnement?jeton=${(await subscriberOf("camille@example.test")).unsubscribeToken}`,
    });
    expect((await subscriberOf("camille@example.test")).status).toBe("active");
    expect(await confirmSubscription(token)).toMatchObject({ ok: false });
    expect(await peekConfirmation(token)).toBe(false);

    // Already active: same answer, no new e-mail.
    expect(await requestSubscription("camille@example.test")).toEqual({ ok: true });
    expect(await emailsTo("camille@example.test")).toHaveLength(1);
  });

  it("refuses an expired link", async () => {
    await requestSubscription("tardif@example.test");
    const [message] = await emailsTo("tardif@example.test");
    await db().update(digestSubscribers).set({ confirmExpiresAt: new Date(Date.now() - 1000) }).where(eq(digestSubscribers.email, "tardif@example.test"));
    expect(await peekConfirmation(confirmTokenOf(message!.text))).toBe(false);
    expect(await confirmSubscription(confirmTokenOf(message!.text))).toMatchObject({ ok: false });
    expect((await subscriberOf("tardif@example.test")).status).toBe("pending");
  });

  it("lets a verified member opt in and out without confirmation", async () => {
    const unverified = await makeUser();
    expect(await setMemberDigest({ ...unverified, emailVerified: false }, true)).toMatchObject({ ok: false });
    expect(await setMemberDigest({ ...member, emailVerified: true }, true)).toEqual({ ok: true });
    expect(await memberReceivesDigest(member)).toBe(true);
    expect(await setMemberDigest({ ...member, emailVerified: true }, false)).toEqual({ ok: true });
    expect(await memberReceivesDigest(member)).toBe(false);
    expect(await setMemberDigest({ ...member, emailVerified: true }, true)).toEqual({ ok: true });
    expect((await subscriberOf(member.email.toLowerCase())).userId).toBe(member.id);
  });
});

describe("the weekly digest job", () => {
  it("opens on Monday at 09:00 in Paris", () => {
    expect(digestWindowOpen(new Date("2026-11-23T07:59:00Z"))).toBe(false);
    expect(digestWindowOpen(new Date("2026-11-23T08:00:00Z"))).toBe(true);
    expect(digestWindowOpen(new Date("2026-11-29T22:59:00Z"))).toBe(true);
  });

  it("sends each active subscriber exactly one e-mail when runs overlap", async () => {
    await subscribeAndConfirm("alice@example.test");
    await subscribeAndConfirm("bob@example.test");
    await requestSubscription("pending@example.test");
    await subscribeAndConfirm("gone@example.test");
    expect(await unsubscribe((await subscriberOf("gone@example.test")).unsubscribeToken)).toBe(true);

    expect(await sendWeeklyDigest(new Date("2026-11-23T07:30:00Z"))).toEqual({ practiceId: null, sent: 0 });
    const runs = await Promise.all([sendWeeklyDigest(monday, { batchSize: 2 }), sendWeeklyDigest(monday, { batchSize: 2 }), sendWeeklyDigest(monday)]);
    expect(runs.every((r) => r.practiceId === weekly)).toBe(true);
    // camille, alice, bob and the member.
    expect(runs.reduce((sum, r) => sum + r.sent, 0)).toBe(4);
    const outbox = await db().select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `digest:${weekly}:%`));
    expect(outbox).toHaveLength(4);
    expect(new Set(outbox.map((m) => m.toAddress))).toEqual(new Set(["camille@example.test", "alice@example.test", "bob@example.test", member.email.toLowerCase()]));
    expect(await digestsTo("pending@example.test")).toEqual([]);
    expect(await digestsTo("gone@example.test")).toEqual([]);

    const alice = await subscriberOf("alice@example.test");
    const [toAlice] = await digestsTo("alice@example.test");
    const link = `${env().APP_URL}/bonnes-pratiques/desabonnement?jeton=${alice.unsubscribeToken}`;
    expect(toAlice!.subject).toBe("Bonne pratique n° 4 : Pratique 4");
    expect(JSON.parse(toAlice!.headers!)).toEqual({ "List-Unsubscribe": `<${link}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    expect(toAlice!.text).toContain(link);
    expect(toAlice!.text).toContain(`${env().APP_URL}/bonnes-pratiques/4-pratique-4`);
    expect(toAlice!.text).not.toContain("JETONDESABONNEMENT");
    expect(toAlice!.text).not.toContain("À lire aussi");
    // Members get two recommendations sharing a determinant, newest first.
    const [toMember] = await digestsTo(member.email.toLowerCase());
    expect(toMember!.text).toContain("À lire aussi");
    expect(toMember!.text.indexOf("Pratique 3")).toBeLessThan(toMember!.text.indexOf("Pratique 2"));
    expect(toMember!.text).not.toContain("Pratique 1");

    const deliveries = await db().select().from(practiceDeliveries).where(eq(practiceDeliveries.practiceId, weekly));
    expect(deliveries).toHaveLength(4);
    expect(new Set(deliveries.map((d) => d.outboxId))).toEqual(new Set(outbox.map((m) => m.id)));

    // Later in the week: nothing more, except to a new subscriber.
    await subscribeAndConfirm("late@example.test");
    expect(await sendWeeklyDigest(new Date("2026-11-25T10:00:00Z"))).toEqual({ practiceId: weekly, sent: 1 });
    expect(await digestsTo("late@example.test")).toHaveLength(1);
  });

  it("leaves nothing claimed after a crash, and the next run sends exactly once", async () => {
    const second = await practice(5, "2026-11-30T08:00:00Z");
    let batches = 0;
    await expect(
      sendWeeklyDigest(nextMonday, {
        batchSize: 2,
        afterClaim: () => {
          if (++batches === 2) throw new Error("arrêt brutal");
        },
      }),
    ).rejects.toThrow("arrêt brutal");
    // The first batch committed (2 e-mails), the second rolled back with its claims.
    const claimed = await db().select().from(practiceDeliveries).where(eq(practiceDeliveries.practiceId, second));
    const written = await db().select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `digest:${second}:%`));
    expect(claimed).toHaveLength(2);
    expect(written).toHaveLength(2);

    const runs = await Promise.all([sendWeeklyDigest(nextMonday), sendWeeklyDigest(nextMonday)]);
    expect(runs[0]!.sent + runs[1]!.sent).toBe(3);
    const all = await db().select().from(emailOutbox).where(like(emailOutbox.idempotencyKey, `digest:${second}:%`));
    expect(all).toHaveLength(5);
    expect(new Set(all.map((m) => m.toAddress)).size).toBe(5);
  });

  it("stops after a one-click unsubscribe", async () => {
    const third = await practice(6, "2026-12-07T08:00:00Z");
    const bob = await subscriberOf("bob@example.test");
    expect(await findByUnsubscribeToken(bob.unsubscribeToken)).toEqual({ email: "bob@example.test", status: "active" });
    expect(await unsubscribe(bob.unsubscribeToken)).toBe(true);
    expect(await unsubscribe(bob.unsubscribeToken)).toBe(true);
    expect(await unsubscribe("inconnuinconnuinconnu")).toBe(false);
    expect(await sendWeeklyDigest(thirdMonday)).toEqual({ practiceId: third, sent: 4 });
    expect(await db().select().from(emailOutbox).where(and(like(emailOutbox.idempotencyKey, `digest:${third}:%`), eq(emailOutbox.toAddress, "bob@example.test")))).toEqual([]);
  });
});
