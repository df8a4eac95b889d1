import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditAnswers, auditLog, audits, editions, enrolments, enrolmentTransitions, invoices, staffRoles } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { seedReferentials } from "../../../db/seed/referential";
import { makeTenant, makeUser } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { syncInvoice } from "../billing/billing.server";
import { CHANNELS } from "../scoring/scoring";
import {
  assignAudits,
  auditProgress,
  getAuditForEntry,
  listAllAudits,
  listAuditorAssignments,
  planAudits,
  saveAuditAnswers,
  type AuditActor,
  type AuditForEntry,
  type RawAnswers,
} from "./audits.server";

useTestDatabase();

let edition: typeof editions.$inferSelect;

beforeAll(async () => {
  await seedEditions(db());
  await seedReferentials(db());
  const [open] = await db().select().from(editions).where(eq(editions.year, 2027));
  edition = open!;
});

async function staff(role: "admin" | "sales" | "auditor"): Promise<AuditActor> {
  const user = await makeUser({ name: `Équipe ${role}` });
  await db().insert(staffRoles).values({ userId: user.id, role });
  return { userId: user.id, roles: [role] };
}

async function paidEnrolment(options: { onsiteVisit?: boolean; status?: string } = {}) {
  const tenant = await makeTenant();
  const [enrolment] = await db()
    .insert(enrolments)
    .values({
      tenantId: tenant.id,
      editionId: edition.id,
      status: options.status ?? "paid",
      category: tenant.category,
      basePriceHtCents: 100_000,
      onsiteVisit: options.onsiteVisit ?? true,
      totalHtCents: 100_000,
      vatCents: 20_000,
      totalTtcCents: 120_000,
      paymentPath: "card",
      billingContactName: "Service finances",
      billingContactEmail: "finances@exemple.fr",
      billingAddress: "1 place de la Mairie",
      payerSiret: tenant.siret,
      termsVersion: edition.termsVersion,
      termsAcceptedAt: new Date(),
    })
    .returning();
  return { tenant, enrolment: enrolment! };
}

/** A planned audit of a paid enrolment, assigned to an auditor, with its entry form. */
async function assignedAudit(auditor: AuditActor, number = 1) {
  const { tenant, enrolment } = await paidEnrolment();
  await planAudits(db(), { tenantId: tenant.id, enrolmentId: enrolment.id });
  const [audit] = await db()
    .select()
    .from(audits)
    .where(and(eq(audits.tenantId, tenant.id), eq(audits.number, number)));
  await db().update(audits).set({ auditorUserId: auditor.userId }).where(eq(audits.id, audit!.id));
  return { tenant, enrolment, entry: (await getAuditForEntry(audit!.id))! };
}

/** A complete, valid answer sheet: oui / 3 / 2 (one item "na"). */
function completeAnswers(entry: AuditForEntry): RawAnswers {
  const items = entry.stages.flatMap((stage) => stage.items);
  return Object.fromEntries(
    items.map((item, index) => [item.code, { value: index === 0 ? "na" : item.answerType === "yes_no" ? "oui" : item.answerType === "scale" ? "3" : "2" }]),
  );
}

const answersOf = (auditId: string) => db().select().from(auditAnswers).where(eq(auditAnswers.auditId, auditId)).orderBy(asc(auditAnswers.itemCode));
const statusOf = async (auditId: string) => (await db().select({ status: audits.status }).from(audits).where(eq(audits.id, auditId)))[0]?.status;

describe("planning", () => {
  it("plans 13 audits with the on-site visit, idempotently, in the plan's channel order over the audit window", async () => {
    const { tenant, enrolment } = await paidEnrolment({ onsiteVisit: true });
    expect(await planAudits(db(), { tenantId: tenant.id, enrolmentId: enrolment.id })).toEqual({ planned: 13, created: 13 });
    const first = await db().select().from(audits).where(eq(audits.tenantId, tenant.id)).orderBy(asc(audits.number));
    expect(await planAudits(db(), { tenantId: tenant.id, enrolmentId: enrolment.id })).toEqual({ planned: 13, created: 0 });
    const second = await db().select().from(audits).where(eq(audits.tenantId, tenant.id)).orderBy(asc(audits.number));
    expect(second).toEqual(first);
    expect(first.map((a) => a.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(first.map((a) => a.channel)).toEqual([
      ...["telephone", "telephone", "telephone", "telephone", "courriel", "courriel", "courriel", "courrier", "site", "site"],
      ...["reseaux_sociaux", "reseaux_sociaux", "accueil_physique"],
    ]);
    expect([...new Set(first.map((a) => a.channel))]).toEqual([...CHANNELS]);
    for (const audit of first) {
      expect(audit).toMatchObject({ status: "planned", auditorUserId: null, editionId: edition.id, enrolmentId: enrolment.id });
      expect(audit.plannedOn! >= edition.auditStartsOn && audit.plannedOn! <= edition.auditEndsOn).toBe(true);
      expect(new Date(`${audit.plannedOn}T12:00:00Z`).getUTCDay()).not.toBe(0);
      expect(new Date(`${audit.plannedOn}T12:00:00Z`).getUTCDay()).not.toBe(6);
    }
    expect(first[0]!.scenario).toBe("Demande d'acte de naissance par téléphone");
    expect(new Set(first.filter((a) => a.channel === "telephone").map((a) => a.scenario)).size).toBe(4);
  });

  it("plans 12 audits without the on-site visit option", async () => {
    const { tenant, enrolment } = await paidEnrolment({ onsiteVisit: false });
    await planAudits(db(), { tenantId: tenant.id, enrolmentId: enrolment.id });
    await planAudits(db(), { tenantId: tenant.id, enrolmentId: enrolment.id });
    const rows = await db().select().from(audits).where(eq(audits.tenantId, tenant.id));
    expect(rows).toHaveLength(12);
    expect(rows.some((a) => a.channel === "accueil_physique")).toBe(false);
  });

  it("plans the audits when Stripe reports the invoice paid", async () => {
    const { tenant, enrolment } = await paidEnrolment({ status: "confirmed" });
    await db().insert(invoices).values({
      tenantId: tenant.id,
      enrolmentId: enrolment.id,
      stripeInvoiceId: `in_audits_${enrolment.id}`,
      stripeCustomerId: "cus_audits",
      status: "open",
      totalHtCents: 100_000,
      vatCents: 20_000,
      totalTtcCents: 120_000,
    });
    await syncInvoice({ id: `in_audits_${enrolment.id}`, status: "paid" });
    expect(await auditProgress(tenant.id, edition.id)).toEqual({ done: 0, planned: 13 });
  });
});

describe("assignment", () => {
  it("assigns an audit to an auditor only, and lists it for them and for admins", async () => {
    const admin = await staff("admin");
    const auditor = await staff("auditor");
    const sales = await staff("sales");
    const { tenant, enrolment } = await paidEnrolment();
    await planAudits(db(), { tenantId: tenant.id, enrolmentId: enrolment.id });
    const [audit] = await db().select().from(audits).where(and(eq(audits.tenantId, tenant.id), eq(audits.number, 2)));
    expect(await assignAudits(admin.userId, [audit!.id], sales.userId)).toEqual({ ok: false, message: "Cette personne n'est pas (ou plus) auditrice ou auditeur." });
    expect((await assignAudits(admin.userId, [audit!.id], auditor.userId)).ok).toBe(true);
    const mine = await listAuditorAssignments(auditor.userId);
    expect(mine.map((a) => [a.tenantName, a.number, a.channel, a.status])).toEqual([[tenant.name, 2, "telephone", "planned"]]);
    expect((await listAllAudits({ year: 2027, unassigned: true })).some((a) => a.id === audit!.id)).toBe(false);
    const [logged] = await db().select().from(auditLog).where(and(eq(auditLog.action, "audit.assigned"), eq(auditLog.targetId, audit!.id)));
    expect(logged?.tenantId).toBe(tenant.id);
  });
});

describe("entry", () => {
  it("groups the items of the audit's channel by stage, in stage order", async () => {
    const auditor = await staff("auditor");
    const { entry } = await assignedAudit(auditor);
    expect(entry.audit.channel).toBe("telephone");
    expect(entry.stages.map((s) => s.label)).toEqual(["Accès", "Information et orientation", "Traitement de la demande"]);
    expect(entry.stages[0]!.items[0]).toMatchObject({ code: "TEL-ACC-01", answerType: "yes_no" });
    expect(entry.stages.flatMap((s) => s.items).every((item) => item.code.startsWith("TEL-"))).toBe(true);
  });

  it("saves nothing when one value is invalid, and names the item", async () => {
    const auditor = await staff("auditor");
    const { entry } = await assignedAudit(auditor);
    const outcome = await saveAuditAnswers(auditor, entry.audit.id, { "TEL-ACC-01": { value: "oui" }, "TEL-ACC-03": { value: "beaucoup" } }, "draft");
    expect(outcome).toEqual({
      ok: false,
      message: "Rien n'a été enregistré : 1 réponse à corriger.",
      errors: { "TEL-ACC-03": "« beaucoup » n'est pas une mesure valable pour TEL-ACC-03 : un nombre positif (virgule décimale acceptée), ou na." },
    });
    expect(await answersOf(entry.audit.id)).toEqual([]);
    expect(await statusOf(entry.audit.id)).toBe("planned");
  });

  it("saves a partial draft, with measures stored as numbers", async () => {
    const auditor = await staff("auditor");
    const { entry } = await assignedAudit(auditor);
    const outcome = await saveAuditAnswers(auditor, entry.audit.id, { "TEL-ACC-01": { value: "Oui", comment: " Décroché tout de suite " }, "TEL-ACC-03": { value: "3,5" } }, "draft");
    expect(outcome).toMatchObject({ ok: true, status: "draft", corrected: false });
    expect((await answersOf(entry.audit.id)).map((a) => [a.itemCode, a.value, a.measuredValue, a.comment])).toEqual([
      ["TEL-ACC-01", "oui", null, "Décroché tout de suite"],
      ["TEL-ACC-03", "3.5", 3.5, null],
    ]);
    expect(await statusOf(entry.audit.id)).toBe("draft");
    // An emptied field clears its draft answer.
    await saveAuditAnswers(auditor, entry.audit.id, { "TEL-ACC-03": { value: "" } }, "draft");
    expect((await answersOf(entry.audit.id)).map((a) => a.itemCode)).toEqual(["TEL-ACC-01"]);
  });

  it("refuses to submit an incomplete audit and saves nothing", async () => {
    const auditor = await staff("auditor");
    const { entry } = await assignedAudit(auditor);
    const answers = completeAnswers(entry);
    delete answers["TEL-TRT-02"];
    delete answers["TEL-INF-11"];
    const outcome = await saveAuditAnswers(auditor, entry.audit.id, answers, "submit");
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toBe("Audit non validé : 2 items sans réponse. Rien n'a été enregistré.");
    expect(Object.keys(outcome.errors).sort()).toEqual(["TEL-INF-11", "TEL-TRT-02"]);
    expect(await answersOf(entry.audit.id)).toEqual([]);
    expect(await statusOf(entry.audit.id)).toBe("planned");
  });

  it("submits a complete audit, moving the enrolment paid → in_audit once, and counts it in the progress", async () => {
    const auditor = await staff("auditor");
    const { tenant, enrolment, entry } = await assignedAudit(auditor);
    expect(await auditProgress(tenant.id, edition.id)).toEqual({ done: 0, planned: 13 });
    expect(await saveAuditAnswers(auditor, entry.audit.id, completeAnswers(entry), "submit")).toMatchObject({ ok: true, status: "submitted" });
    const [audit] = await db().select().from(audits).where(eq(audits.id, entry.audit.id));
    expect(audit).toMatchObject({ status: "submitted", submittedAt: expect.any(Date), auditedAt: expect.any(Date) });
    expect((await answersOf(entry.audit.id)).length).toBe(entry.stages.flatMap((s) => s.items).length);
    const [row] = await db().select({ status: enrolments.status }).from(enrolments).where(eq(enrolments.id, enrolment.id));
    expect(row?.status).toBe("in_audit");
    const moves = await db().select().from(enrolmentTransitions).where(eq(enrolmentTransitions.enrolmentId, enrolment.id));
    expect(moves.map((m) => [m.fromStatus, m.toStatus, m.source])).toEqual([["paid", "in_audit", "audit"]]);
    expect(await auditProgress(tenant.id, edition.id)).toEqual({ done: 1, planned: 13 });

    // A second audit submitted: still one transition, two audits done.
    const [next] = await db().select().from(audits).where(and(eq(audits.tenantId, tenant.id), eq(audits.number, 5)));
    const admin = await staff("admin");
    const nextEntry = (await getAuditForEntry(next!.id))!;
    expect((await saveAuditAnswers(admin, next!.id, completeAnswers(nextEntry), "submit")).ok).toBe(true);
    expect(await db().select().from(enrolmentTransitions).where(eq(enrolmentTransitions.enrolmentId, enrolment.id))).toHaveLength(1);
    expect(await auditProgress(tenant.id, edition.id)).toEqual({ done: 2, planned: 13 });
  });

  it("lets a submitted audit be corrected, logged item by item, until the results are published", async () => {
    const auditor = await staff("auditor");
    const { enrolment, entry } = await assignedAudit(auditor);
    await saveAuditAnswers(auditor, entry.audit.id, completeAnswers(entry), "submit");
    const correction = await saveAuditAnswers(auditor, entry.audit.id, { "TEL-ACC-02": { value: "non", comment: "Décroché à la 7e sonnerie" } }, "draft");
    expect(correction).toEqual({ ok: true, status: "submitted", corrected: true, changedItems: ["TEL-ACC-02"] });
    const [logged] = await db().select().from(auditLog).where(and(eq(auditLog.action, "audit.corrected"), eq(auditLog.targetId, entry.audit.id)));
    expect(JSON.parse(logged!.details!)).toMatchObject({
      number: 1,
      channel: "telephone",
      changes: [{ item: "TEL-ACC-02", before: { value: "oui", comment: null }, after: { value: "non", comment: "Décroché à la 7e sonnerie" } }],
    });
    // Emptying an item of a submitted audit is refused: it must stay complete.
    const emptied = await saveAuditAnswers(auditor, entry.audit.id, { "TEL-ACC-02": { value: "" } }, "submit");
    expect(emptied.ok).toBe(false);

    await db().update(enrolments).set({ status: "results_published" }).where(eq(enrolments.id, enrolment.id));
    const late = await saveAuditAnswers(auditor, entry.audit.id, { "TEL-ACC-02": { value: "oui" } }, "submit");
    expect(late).toEqual({ ok: false, message: "Les résultats de cette édition sont publiés : l'audit ne peut plus être modifié.", errors: {} });
    expect((await answersOf(entry.audit.id)).find((a) => a.itemCode === "TEL-ACC-02")?.value).toBe("non");
  });

  it("answers 403 to an auditor the audit is not assigned to, and to sales", async () => {
    const auditor = await staff("auditor");
    const other = await staff("auditor");
    const sales = await staff("sales");
    const { entry } = await assignedAudit(auditor);
    for (const intruder of [other, sales]) {
      const refused = await saveAuditAnswers(intruder, entry.audit.id, { "TEL-ACC-01": { value: "oui" } }, "draft").catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(Response);
      expect((refused as Response).status).toBe(403);
    }
    expect(await answersOf(entry.audit.id)).toEqual([]);
  });
});

describe("progress", () => {
  it("counts submitted audits over planned ones, for that tenant and edition only", async () => {
    const auditor = await staff("auditor");
    const { tenant, entry } = await assignedAudit(auditor);
    const { tenant: other } = await assignedAudit(auditor);
    await saveAuditAnswers(auditor, entry.audit.id, completeAnswers(entry), "submit");
    expect(await auditProgress(tenant.id, edition.id)).toEqual({ done: 1, planned: 13 });
    expect(await auditProgress(other.id, edition.id)).toEqual({ done: 0, planned: 13 });
    const [past] = await db().select().from(editions).where(eq(editions.year, 2023));
    expect(await auditProgress(tenant.id, past!.id)).toEqual({ done: 0, planned: 0 });
  });
});
