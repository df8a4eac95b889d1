import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { digestSubscribers, emailOutbox, oneTimeTokens, proconnectFlows, rateLimitHits, sessions } from "../../../db/schema";
import { makeUser } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { purgeExpiredData } from "./retention.server";

useTestDatabase();

const now = new Date("2027-03-15T10:00:00Z");
const ago = (days: number, extraMs = 0) => new Date(now.getTime() - days * 86_400_000 - extraMs);
const later = (ms: number) => new Date(now.getTime() + ms);

describe("retention purge", () => {
  it("deletes exactly what is past the announced periods, once, and keeps the rest", async () => {
    const user = await makeUser();
    const hash = new Uint8Array([1, 2, 3]);
    await db().insert(sessions).values([
      { id: "fresh", userId: user.id, secretHash: hash, createdAt: ago(29), lastVerifiedAt: ago(9) },
      { id: "too-old", userId: user.id, secretHash: hash, createdAt: ago(30, 1000), lastVerifiedAt: ago(1) },
      { id: "idle", userId: user.id, secretHash: hash, createdAt: ago(12), lastVerifiedAt: ago(10, 1000) },
    ]);
    await db().insert(oneTimeTokens).values([
      { purpose: "magic_link", userId: user.id, tokenHash: "valid", expiresAt: later(60_000) },
      { purpose: "magic_link", userId: user.id, tokenHash: "expired", expiresAt: ago(0, 1000) },
      { purpose: "password_reset", userId: user.id, tokenHash: "used-expired", expiresAt: ago(1), usedAt: ago(1, 60_000) },
    ]);
    await db().insert(proconnectFlows).values([
      { kind: "login", stateHash: "live", expiresAt: later(60_000) },
      { kind: "login", stateHash: "gone", expiresAt: ago(0, 1000) },
    ]);
    await db().insert(rateLimitHits).values([
      { key: "recent", windowStart: ago(0, 3_600_000), count: 3 },
      { key: "stale", windowStart: ago(1, 1000), count: 3 },
    ]);
    await db().insert(digestSubscribers).values([
      { email: "attente@exemple.fr", status: "pending", confirmTokenHash: "a", confirmExpiresAt: later(3_600_000), unsubscribeToken: "u1" },
      { email: "oubli@exemple.fr", status: "pending", confirmTokenHash: "b", confirmExpiresAt: ago(0, 1000), unsubscribeToken: "u2" },
      { email: "abonne@exemple.fr", status: "active", confirmExpiresAt: ago(30), confirmedAt: ago(30), unsubscribeToken: "u3" },
    ]);
    const mail = (key: string, createdAt: Date) => ({ idempotencyKey: key, template: "test", toAddress: "agent@exemple.fr", subject: "Sujet", html: "", text: "", status: "sent" as const, createdAt });
    await db().insert(emailOutbox).values([mail("recent-mail", ago(364)), mail("old-mail", ago(365, 1000))]);

    expect(await purgeExpiredData(now)).toEqual({ sessions: 2, oneTimeTokens: 2, proconnectFlows: 1, rateLimitHits: 1, pendingSubscriptions: 1, emails: 1 });

    expect((await db().select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, user.id))).map((s) => s.id)).toEqual(["fresh"]);
    expect((await db().select({ hash: oneTimeTokens.tokenHash }).from(oneTimeTokens).where(eq(oneTimeTokens.userId, user.id))).map((t) => t.hash)).toEqual(["valid"]);
    expect((await db().select({ hash: proconnectFlows.stateHash }).from(proconnectFlows)).map((f) => f.hash)).toEqual(["live"]);
    expect((await db().select({ key: rateLimitHits.key }).from(rateLimitHits).where(inArray(rateLimitHits.key, ["recent", "stale"]))).map((h) => h.key)).toEqual(["recent"]);
    expect(
      (await db().select({ email: digestSubscribers.email }).from(digestSubscribers).where(inArray(digestSubscribers.email, ["attente@exemple.fr", "oubli@exemple.fr", "abonne@exemple.fr"])))
        .map((d) => d.email)
        .sort(),
    ).toEqual(["abonne@exemple.fr", "attente@exemple.fr"]);
    expect((await db().select({ key: emailOutbox.idempotencyKey }).from(emailOutbox).where(inArray(emailOutbox.idempotencyKey, ["recent-mail", "old-mail"]))).map((m) => m.key)).toEqual(["recent-mail"]);

    // Idempotent: a second run (another instance, the next hour) finds nothing more.
    expect(await purgeExpiredData(now)).toEqual({ sessions: 0, oneTimeTokens: 0, proconnectFlows: 0, rateLimitHits: 0, pendingSubscriptions: 0, emails: 0 });
  });
});
