import { randomUUID } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, enrolments, enrolmentTransitions } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { addMember, makeTenant, makeUser, requestWithSession } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { createSession } from "../auth/session.server";
import { requireMembership } from "../tenancy/guard.server";
import { applyEnrolmentTransitions, submitEnrolment, type EnrolmentInput } from "./enrolment.server";

useTestDatabase();

beforeAll(async () => {
  await seedEditions(db());
});

const input: EnrolmentInput = {
  onsiteVisit: false,
  paymentPath: "invoice",
  billingContactName: "Service finances",
  billingContactEmail: "finances@exemple.fr",
  billingAddress: "Hôtel de ville, 1 place de la Mairie, 59130 Lambersart",
  termsVersion: "CGV-2027-01",
};

/** A structure with an enrolment awaiting payment. */
async function awaitingPayment() {
  const tenant = await makeTenant({ category: "commune_20000_49999" });
  const owner = await makeUser();
  await addMember(tenant.id, owner.id, "owner");
  const { token } = await createSession(owner.id, { userAgent: null, ipAddress: null });
  const ctx = await requireMembership(requestWithSession(token), tenant.slug, "enrolment.manage");
  const outcome = await submitEnrolment(ctx, input);
  if (!outcome.ok) throw new Error(outcome.message);
  return { tenantId: tenant.id, enrolmentId: outcome.enrolment.id };
}

describe("applyEnrolmentTransitions", () => {
  it("gives each ref, in order, the outcome one call per ref would give, and records each move once", async () => {
    const a = await awaitingPayment();
    const b = await awaitingPayment();
    const outcomes = await db().transaction((tx) =>
      applyEnrolmentTransitions(
        tx,
        [a, b, a, { tenantId: a.tenantId, enrolmentId: randomUUID() }, { tenantId: a.tenantId, enrolmentId: b.enrolmentId }],
        "paid",
        { source: "test", actorUserId: null },
      ),
    );
    expect(outcomes).toEqual([
      { applied: true, from: "awaiting_payment" },
      { applied: true, from: "awaiting_payment" },
      { applied: false, reason: "Passage impossible de « Payée » à « Payée »." },
      { applied: false, reason: "Inscription introuvable." },
      { applied: false, reason: "Inscription introuvable." },
    ]);
    const ids = [a.enrolmentId, b.enrolmentId];
    const rows = await db().select().from(enrolments).where(inArray(enrolments.id, ids));
    for (const row of rows) {
      expect(row.status).toBe("paid");
      expect(row.paidAt).toBeInstanceOf(Date);
    }
    const moves = await db().select().from(enrolmentTransitions).where(inArray(enrolmentTransitions.enrolmentId, ids));
    expect(moves.filter((m) => m.toStatus === "paid").map((m) => [m.enrolmentId, m.fromStatus]).sort()).toEqual(ids.map((id) => [id, "awaiting_payment"]).sort());
    const entries = await db().select().from(auditLog).where(eq(auditLog.action, "enrolment.paid"));
    expect(entries.filter((e) => ids.includes(e.targetId ?? "")).map((e) => e.tenantId).sort()).toEqual([a.tenantId, b.tenantId].sort());
  });

  it("changes nothing when no ref may move", async () => {
    const a = await awaitingPayment();
    const outcomes = await db().transaction((tx) => applyEnrolmentTransitions(tx, [a], "results_published", { source: "test" }));
    expect(outcomes).toEqual([{ applied: false, reason: "Passage impossible de « En attente de paiement » à « Résultats publiés »." }]);
    const [row] = await db().select().from(enrolments).where(eq(enrolments.id, a.enrolmentId));
    expect(row?.status).toBe("awaiting_payment");
  });
});
