import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { editionPrices, editions, enrolments, enrolmentTransitions } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { addMember, makeTenant, makeUser, requestWithSession } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { createSession } from "../auth/session.server";
import { getOpenEdition } from "../editions/editions.server";
import { requireMembership } from "../tenancy/guard.server";
import { applyEnrolmentTransition, getTenantEnrolment, submitEnrolment, type EnrolmentInput } from "./enrolment.server";

useTestDatabase();

beforeAll(async () => {
  await seedEditions(db());
});

async function ownerContext(category = "commune_20000_49999") {
  const tenant = await makeTenant({ category });
  const owner = await makeUser();
  await addMember(tenant.id, owner.id, "owner");
  const { token } = await createSession(owner.id, { userAgent: null, ipAddress: null });
  return requireMembership(requestWithSession(token), tenant.slug, "enrolment.manage");
}

const input: EnrolmentInput = {
  onsiteVisit: true,
  paymentPath: "invoice",
  billingContactName: "Service finances",
  billingContactEmail: "finances@exemple.fr",
  billingAddress: "Hôtel de ville, 1 place de la Mairie, 59130 Lambersart",
  engagementNumber: "EJ-2027-0042",
  termsVersion: "CGV-2027-01",
};

describe("enrolment", () => {
  it("finds the open 2027 edition in demo data", async () => {
    expect((await getOpenEdition())?.year).toBe(2027);
  });

  it("freezes the price computed on the server, HT + 20 % VAT", async () => {
    const ctx = await ownerContext();
    const outcome = await submitEnrolment(ctx, input);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.enrolment).toMatchObject({
      status: "awaiting_payment",
      basePriceHtCents: 249_000,
      onsiteVisitHtCents: 45_000,
      totalHtCents: 294_000,
      vatCents: 58_800,
      totalTtcCents: 352_800,
      payerSiret: expect.stringMatching(/^\d{14}$/),
    });
    // Staff change the grid afterwards: the enrolment keeps its price.
    const edition = (await getOpenEdition())!;
    await db().update(editionPrices).set({ priceHtCents: 999_900 }).where(and(eq(editionPrices.editionId, edition.id), eq(editionPrices.category, "commune_20000_49999")));
    expect((await getTenantEnrolment(ctx, edition.id))?.totalHtCents).toBe(294_000);
    await db().update(editionPrices).set({ priceHtCents: 249_000 }).where(and(eq(editionPrices.editionId, edition.id), eq(editionPrices.category, "commune_20000_49999")));
    const steps = await db().select().from(enrolmentTransitions).where(eq(enrolmentTransitions.enrolmentId, outcome.enrolment.id)).orderBy(enrolmentTransitions.at);
    expect(steps.map((s) => [s.fromStatus, s.toStatus])).toEqual([
      [null, "draft"],
      ["draft", "awaiting_payment"],
    ]);
  });

  it("refuses outdated terms and a closed edition, changing nothing", async () => {
    const ctx = await ownerContext();
    expect(await submitEnrolment(ctx, { ...input, termsVersion: "CGV-2019" })).toEqual({
      ok: false,
      message: "Les conditions générales ont changé : relisez-les puis validez à nouveau.",
    });
    await db().update(editions).set({ status: "closed" }).where(eq(editions.year, 2027));
    expect((await submitEnrolment(ctx, input)).ok).toBe(false);
    await db().update(editions).set({ status: "open" }).where(eq(editions.year, 2027));
    expect(await db().select().from(enrolments).where(eq(enrolments.tenantId, ctx.tenant.id))).toHaveLength(0);
  });

  it("creates exactly one enrolment out of 50 concurrent submissions, with 49 clear answers", async () => {
    const ctx = await ownerContext();
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => submitEnrolment(ctx, input)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const refused = outcomes.filter((o) => !o.ok);
    expect(refused).toHaveLength(49);
    for (const o of refused) expect(o).toEqual({ ok: false, message: "Votre structure est déjà inscrite à l'édition 2027." });
    expect(await db().select().from(enrolments).where(eq(enrolments.tenantId, ctx.tenant.id))).toHaveLength(1);
  });

  it("moves only along the state machine and records each move", async () => {
    const ctx = await ownerContext();
    const outcome = await submitEnrolment(ctx, input);
    if (!outcome.ok) throw new Error(outcome.message);
    const ref = { tenantId: ctx.tenant.id, enrolmentId: outcome.enrolment.id };
    expect((await db().transaction((tx) => applyEnrolmentTransition(tx, ref, "paid", { source: "test" }))).applied).toBe(true);
    // A late "invoice finalised" event must not move it back.
    const late = await db().transaction((tx) => applyEnrolmentTransition(tx, ref, "confirmed", { source: "test" }));
    expect(late).toEqual({ applied: false, reason: "Passage impossible de « Payée » à « Confirmée (facture émise) »." });
    const [row] = await db().select().from(enrolments).where(eq(enrolments.id, ref.enrolmentId));
    expect(row?.status).toBe("paid");
    expect(row?.paidAt).toBeInstanceOf(Date);
  });
});
