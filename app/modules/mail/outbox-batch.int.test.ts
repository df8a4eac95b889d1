import { inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { emailOutbox } from "../../../db/schema";
import { useTestDatabase } from "../../../db/testing/test-database";
import { enqueueEmail, enqueueEmails } from "./outbox.server";
import { renderEmail } from "./templates.server";

useTestDatabase();

const props = (n: number) => ({ url: `https://barometre.example/connexion/lien?token=jeton-${n}-abcdefghijklmnop`, expiresInMinutes: 15 });

describe("enqueueEmails", () => {
  it("writes the rows enqueueEmail writes, one per idempotency key, and counts the new ones", async () => {
    const keys = [1, 2, 3].map((n) => `lot:${Date.now()}:${n}`);
    await enqueueEmail({ template: "magic-link", to: "deja@exemple.fr", props: props(1), idempotencyKey: keys[0]! });
    const result = await enqueueEmails([
      { template: "magic-link", to: "deja@exemple.fr", props: props(1), idempotencyKey: keys[0]! },
      { template: "magic-link", to: "deux@exemple.fr", props: props(2), idempotencyKey: keys[1]!, tenantId: null },
      { template: "magic-link", to: "deux-bis@exemple.fr", props: props(2), idempotencyKey: keys[1]! },
      { template: "verify-email", to: "trois@exemple.fr", props: { name: "Éloïse", url: "https://barometre.example/verifier?jeton=3" }, idempotencyKey: keys[2]! },
    ]);
    expect(result).toEqual({ created: 2 });
    const rows = await db().select().from(emailOutbox).where(inArray(emailOutbox.idempotencyKey, keys));
    expect(rows.map((r) => r.toAddress).sort()).toEqual(["deja@exemple.fr", "deux@exemple.fr", "trois@exemple.fr"]);
    const second = rows.find((r) => r.idempotencyKey === keys[1]);
    const rendered = await renderEmail("magic-link", props(2));
    const first = rows.find((r) => r.idempotencyKey === keys[0]);
    expect(second).toMatchObject({ template: "magic-link", subject: rendered.subject, html: rendered.html, text: rendered.text, status: first?.status });
  });

  it("does nothing with no message", async () => {
    expect(await enqueueEmails([])).toEqual({ created: 0 });
  });
});
