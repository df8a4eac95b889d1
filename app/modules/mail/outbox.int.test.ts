import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { emailOutbox } from "../../../db/schema";
import { useTestDatabase } from "../../../db/testing/test-database";
import { startFakeResend, type FakeResend } from "../../../e2e/fixtures/fake-resend";

/*
 * The real Resend SDK talks to a local fake Resend HTTP server: nothing of ours is stubbed.
 * The environment is read once, so it is set before the modules are loaded.
 */
let fake: FakeResend;
let outbox: typeof import("./outbox.server");

useTestDatabase();

beforeAll(async () => {
  fake = await startFakeResend();
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = fake.url;
  outbox = await import("./outbox.server");
});

afterAll(async () => {
  await fake.close();
});

const props = { url: "https://barometre.example/connexion/lien?token=abcdefghijklmnopqrst", expiresInMinutes: 15 };

describe("e-mail outbox with Resend", () => {
  it("keeps one row per idempotency key and sends it once, even with two drains at once", async () => {
    const key = `test:${Date.now()}`;
    const first = await outbox.enqueueEmail({ template: "magic-link", to: "destinataire@exemple.fr", props, idempotencyKey: key });
    const second = await outbox.enqueueEmail({ template: "magic-link", to: "destinataire@exemple.fr", props, idempotencyKey: key });
    expect([first.created, second.created]).toEqual([true, false]);
    const before = fake.received.length;
    await Promise.all([outbox.drainOutbox(), outbox.drainOutbox()]);
    const sent = fake.received.slice(before).filter((r) => r.path === "/emails");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ to: "destinataire@exemple.fr", subject: "Votre lien de connexion" });
    expect(sent[0]!.body.text).toContain(props.url);
    expect(sent[0]!.headers["idempotency-key"]).toBe(key);
    const [row] = await db().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, key));
    expect(row).toMatchObject({ status: "sent", attempts: 1 });
    expect(row?.providerId).toMatch(/[0-9a-f-]{36}/);
    // The one-time link left with the e-mail: the row keeps who, what and when, not the body.
    expect(row).toMatchObject({ html: "", text: "", headers: null, subject: "Votre lien de connexion", toAddress: "destinataire@exemple.fr" });
    expect(JSON.stringify(row)).not.toContain(props.url);
  });

  it("retries a failed send later with back-off and gives up after the last attempt", async () => {
    await fake.close();
    fake = await startFakeResend({ failTimes: 100 });
    process.env.RESEND_BASE_URL = fake.url;
    // A fresh module instance picks up the failing server.
    const { vi } = await import("vitest");
    vi.resetModules();
    const { setDatabase, getDatabaseHandle } = await import("../../../db/client");
    setDatabase(getDatabaseHandle());
    const failing = await import("./outbox.server");
    const key = `fail:${Date.now()}`;
    await failing.enqueueEmail({ template: "magic-link", to: "echec@exemple.fr", props, idempotencyKey: key });
    const read = async () => (await db().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, key)))[0]!;
    // enqueueEmail also schedules a drain of its own: whichever drain claims the row first, one
    // attempt is made and the row waits for its next attempt.
    await failing.drainOutbox();
    await vi.waitFor(async () => expect(await read()).toMatchObject({ status: "queued", attempts: 1 }), { timeout: 5_000 });
    let row = await read();
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 30_000);
    expect(row.lastError).toBeTruthy();
    // Make each next attempt due at once. A drain scheduled by the module may hold the row
    // ("sending") at the moment we look: wait for it to settle instead of counting it.
    for (let guard = 0; row.status !== "failed" && guard < 100; guard++) {
      if (row.status === "sending") {
        await new Promise((resolve) => setTimeout(resolve, 20));
      } else {
        await db().update(emailOutbox).set({ nextAttemptAt: new Date(Date.now() - 1000) }).where(and(eq(emailOutbox.idempotencyKey, key), eq(emailOutbox.status, "queued")));
        await failing.drainOutbox();
      }
      row = await read();
    }
    expect(row).toMatchObject({ status: "failed", attempts: failing.MAX_SEND_ATTEMPTS });
  });

  it("computes growing retry delays", () => {
    expect([1, 2, 3, 4].map(outbox.retryDelayMs)).toEqual([60_000, 240_000, 540_000, 960_000]);
  });
});
