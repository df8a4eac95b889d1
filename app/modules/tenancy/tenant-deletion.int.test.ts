import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { db, openDatabase } from "../../../db/client";
import {
  actionComments,
  actions,
  auditAnswers,
  auditLog,
  audits,
  editions,
  emailOutbox,
  enrolmentTransitions,
  enrolments,
  invitations,
  invoices,
  laureates,
  leadNotes,
  membershipRequests,
  memberships,
  offers,
  orders,
  payments,
  practiceBookmarks,
  practices,
  resultSnapshots,
  sessions,
  staffRoles,
  tenants,
  users,
} from "../../../db/schema";
import { seed } from "../../../db/seed";
import { addMember, enrolWithPhoneAudit, makeTenant, makeUser } from "../../../db/testing/factories";
import { listAllAudits } from "../audits/audits.server";
import { publicationOverview, publishEditionResults } from "../results/publication.server";
import { useTestDatabase } from "../../../db/testing/test-database";
import { laureatePath } from "../public/laureates";
import { laureatesForSitemap } from "../public/laureates.server";
import { listAllTenants } from "./directory.server";
import { ANONYMISED, deleteTenant } from "./tenant-deletion.server";
import { findMembership } from "./tenants.server";

const testDb = useTestDatabase();

type Staff = Parameters<typeof deleteTenant>[0];
const staffOf = (id: string, roles: Staff["roles"]) => ({ user: { id }, session: { id: "test" }, roles }) as unknown as Staff;

let target: typeof tenants.$inferSelect;
let other: typeof tenants.$inferSelect;
let adminId: string;
let salesId: string;
let sharedUserId: string;
let onlyHereIds: string[];

async function tenantRows(tenantId: string) {
  const count = async (table: typeof memberships | typeof invitations | typeof enrolments | typeof orders | typeof leadNotes | typeof actions | typeof actionComments | typeof practiceBookmarks | typeof membershipRequests) =>
    (await db().select({ n: sql<number>`count(*)::int` }).from(table).where(eq(table.tenantId, tenantId)))[0]!.n;
  return {
    memberships: await count(memberships),
    invitations: await count(invitations),
    membershipRequests: await count(membershipRequests),
    enrolments: await count(enrolments),
    orders: await count(orders),
    leadNotes: await count(leadNotes),
    actions: await count(actions),
    actionComments: await count(actionComments),
    bookmarks: await count(practiceBookmarks),
  };
}

const billingRows = async (tenantId: string) => ({
  invoices: await db().select().from(invoices).where(eq(invoices.tenantId, tenantId)).orderBy(asc(invoices.id)),
  payments: await db().select().from(payments).where(eq(payments.tenantId, tenantId)).orderBy(asc(payments.id)),
});

beforeAll(async () => {
  await seed(db());
  target = (await db().select().from(tenants).where(eq(tenants.slug, "villeurbanne")))[0]!;
  other = (await db().select().from(tenants).where(eq(tenants.slug, "lambersart")))[0]!;
  adminId = (await db().select().from(users).where(eq(users.email, "admin@afnor.example")))[0]!.id;
  salesId = (await db().select().from(users).where(eq(users.email, "ventes@afnor.example")))[0]!.id;
  // A member of two structures keeps the account; a staff member keeps it too.
  const shared = await makeUser({ email: "partage@exemple.fr", name: "Agent Partagé" });
  sharedUserId = shared.id;
  await addMember(target.id, shared.id, "member");
  await addMember(other.id, shared.id, "viewer");
  await addMember(target.id, adminId, "viewer");
  onlyHereIds = (await db().select({ id: memberships.userId }).from(memberships).where(eq(memberships.tenantId, target.id))).map((m) => m.id).filter((id) => id !== sharedUserId && id !== adminId);
  for (const id of onlyHereIds) {
    await db().insert(sessions).values({ id: `sess-${id}`, userId: id, secretHash: new Uint8Array([1, 2, 3]) });
    await db().insert(emailOutbox).values({ idempotencyKey: `test-${id}`, template: "test", toAddress: (await db().select().from(users).where(eq(users.id, id)))[0]!.email, subject: "Sujet", html: "<p>x</p>", text: "x" });
  }
  // An agent's request to join (their ProConnect SIRET matched), in each structure.
  const requester = await makeUser({ email: "demande@exemple.fr", name: "Agent ProConnect" });
  for (const t of [target, other]) await db().insert(membershipRequests).values({ tenantId: t.id, userId: requester.id, siret: t.siret });
  await db().insert(invitations).values({ tenantId: target.id, email: "invite@villeurbanne.example", role: "viewer", tokenHash: "hash-suppression", expiresAt: new Date(Date.now() + 86_400_000) });
  const [practice] = await db().select().from(practices).limit(1);
  await db().insert(practiceBookmarks).values({ tenantId: target.id, userId: onlyHereIds[0]!, practiceId: practice!.id });
  const [offer] = await db().select().from(offers).limit(1);
  const [order] = await db()
    .insert(orders)
    .values({
      tenantId: target.id,
      reference: "CMD-TEST-SUPPR",
      offerId: offer!.id,
      status: "quote_requested",
      message: "Merci de rappeler Mme Martin au 04 78 00 00 00",
      billingContactName: "Mme Martin",
      billingContactEmail: "martin@villeurbanne.example",
      billingAddress: "Hôtel de ville, place Lazare-Goujon, 69100 Villeurbanne",
      payerSiret: target.siret,
    })
    .returning();
  await db().insert(invoices).values({
    tenantId: target.id,
    orderId: order!.id,
    stripeInvoiceId: "in_test_suppression",
    stripeCustomerId: "cus_test_suppression",
    number: "BEC-2026-0999",
    status: "paid",
    totalHtCents: 100_000,
    vatCents: 20_000,
    totalTtcCents: 120_000,
    references: [{ label: "SIRET payeur", value: target.siret }],
    paidAt: new Date(),
  });
  await db().insert(payments).values({ tenantId: target.id, orderId: order!.id, method: "card", status: "paid", amountCents: 120_000, stripePaymentIntentId: "pi_test_suppression", paidAt: new Date() });
});

describe("deleting a structure", () => {
  it("has personal data to erase before (the test is meaningful)", async () => {
    const rows = await tenantRows(target.id);
    expect(rows.memberships).toBeGreaterThanOrEqual(5);
    expect(rows.invitations).toBe(1);
    expect(rows.membershipRequests).toBe(1);
    expect(rows.enrolments).toBeGreaterThan(0);
    expect(rows.leadNotes).toBeGreaterThan(0);
    expect(rows.actionComments).toBeGreaterThan(0);
    expect(rows.bookmarks).toBe(1);
    expect(onlyHereIds.length).toBeGreaterThanOrEqual(3);
    expect(target.showcaseConsentAt).not.toBeNull();
    const linked = await db().select().from(laureates).where(eq(laureates.linkedTenantId, target.id));
    const publicPaths = (await laureatesForSitemap()).laureates.map((l) => l.path);
    expect(linked.filter((l) => l.publishedAt !== null).length).toBeGreaterThan(0);
    for (const laureate of linked.filter((l) => l.publishedAt !== null)) expect(publicPaths).toContain(laureatePath(laureate));
  });

  it("refuses AFNOR sales (403) and changes nothing", async () => {
    const before = await tenantRows(target.id);
    const outcome = await deleteTenant(staffOf(salesId, ["sales"]), target.slug, { confirmName: target.name });
    expect(outcome).toMatchObject({ ok: false, status: 403 });
    expect(await tenantRows(target.id)).toEqual(before);
  });

  it("refuses a wrong or missing name with a French message and changes nothing", async () => {
    const before = await tenantRows(target.id);
    const wrong = await deleteTenant(staffOf(adminId, ["admin"]), target.slug, { confirmName: "Ville de Lyon" });
    expect(wrong).toMatchObject({ ok: false, status: 400, field: "confirmName" });
    if (!wrong.ok) expect(wrong.message).toContain("ne correspond pas");
    const empty = await deleteTenant(staffOf(adminId, ["admin"]), target.slug, { confirmName: "  " });
    expect(empty).toMatchObject({ ok: false, status: 400, message: "Recopiez le nom de la structure pour confirmer la suppression." });
    expect(await tenantRows(target.id)).toEqual(before);
    const [row] = await db().select().from(tenants).where(eq(tenants.id, target.id));
    expect(row!.deletedAt).toBeNull();
  });

  it("refuses while a payment is awaited (409, naming the enrolment and the order) and changes nothing", async () => {
    const [edition] = await db().select().from(editions).where(eq(editions.year, 2027));
    const [offer] = await db().select().from(offers).limit(1);
    const contact = { billingContactName: "M. Durand", billingContactEmail: "durand@villeurbanne.example", billingAddress: "Hôtel de ville, 69100 Villeurbanne", payerSiret: target.siret };
    const [enrolment] = await db()
      .insert(enrolments)
      .values({
        tenantId: target.id,
        editionId: edition!.id,
        status: "awaiting_payment",
        category: target.category,
        basePriceHtCents: 349_000,
        totalHtCents: 349_000,
        vatCents: 69_800,
        totalTtcCents: 418_800,
        paymentPath: "invoice",
        termsVersion: "CGV-TEST",
        termsAcceptedAt: new Date(),
        ...contact,
      })
      .returning();
    const [order] = await db()
      .insert(orders)
      .values({ tenantId: target.id, reference: "CMD-TEST-ATTENTE", offerId: offer!.id, status: "confirmed", totalHtCents: 100_000, vatCents: 20_000, totalTtcCents: 120_000, paymentPath: "invoice", ...contact })
      .returning();
    const before = await tenantRows(target.id);
    const blocked = await deleteTenant(staffOf(adminId, ["admin"]), target.slug, { confirmName: target.name });
    expect(blocked).toMatchObject({ ok: false, status: 409 });
    if (!blocked.ok) {
      expect(blocked.message).toContain("inscription 2027 (en attente de paiement)");
      expect(blocked.message).toContain("commande CMD-TEST-ATTENTE (commandée (facture émise))");
    }
    expect(await tenantRows(target.id)).toEqual(before);
    expect((await db().select().from(tenants).where(eq(tenants.id, target.id)))[0]!.deletedAt).toBeNull();
    // The order is paid (it stays, like its invoice); the enrolment goes back to a draft: both no longer block.
    await db().update(orders).set({ status: "paid", paidAt: new Date() }).where(eq(orders.id, order!.id));
    await db().update(enrolments).set({ status: "draft" }).where(eq(enrolments.id, enrolment!.id));
  });

  it("erases personal data, keeps invoices and payments identical, audits, and leaves other structures untouched", async () => {
    const billingBefore = await billingRows(target.id);
    expect(billingBefore.invoices.length).toBeGreaterThan(0);
    expect(billingBefore.payments.length).toBeGreaterThan(0);
    const otherBefore = { rows: await tenantRows(other.id), billing: await billingRows(other.id), tenant: (await db().select().from(tenants).where(eq(tenants.id, other.id)))[0] };
    const snapshotsBefore = await db().select({ n: sql<number>`count(*)::int` }).from(resultSnapshots).where(eq(resultSnapshots.tenantId, target.id));

    const outcome = await deleteTenant(staffOf(adminId, ["admin"]), target.slug, { confirmName: `  ${target.name} ` });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.counts.usersDeleted).toBe(onlyHereIds.length);
    // The draft enrolment and the quote request end with the structure; the paid order stays paid.
    expect(outcome.counts).toMatchObject({ enrolmentsCancelled: 1, ordersCancelled: 1 });
    const statuses = await db().select({ reference: orders.reference, status: orders.status }).from(orders).where(eq(orders.tenantId, target.id)).orderBy(orders.reference);
    expect(statuses).toEqual([
      { reference: "CMD-TEST-ATTENTE", status: "paid" },
      { reference: "CMD-TEST-SUPPR", status: "cancelled" },
    ]);
    const [cancelledDraft] = await db().select().from(enrolments).where(and(eq(enrolments.tenantId, target.id), eq(enrolments.status, "cancelled")));
    expect(cancelledDraft?.cancelReason).toBe("Structure supprimée");
    expect(await db().select({ from: enrolmentTransitions.fromStatus, source: enrolmentTransitions.source }).from(enrolmentTransitions).where(eq(enrolmentTransitions.enrolmentId, cancelledDraft!.id))).toEqual([
      { from: "draft", source: "suppression" },
    ]);

    // Personal-data rows of the structure: none left.
    const after = await tenantRows(target.id);
    expect(after.memberships).toBe(0);
    expect(after.invitations).toBe(0);
    expect(after.membershipRequests).toBe(0);
    expect(outcome.counts.membershipRequests).toBe(1);
    expect(after.actionComments).toBe(0);
    expect(after.bookmarks).toBe(0);
    const contacts = [
      ...(await db().select({ name: enrolments.billingContactName, email: enrolments.billingContactEmail }).from(enrolments).where(eq(enrolments.tenantId, target.id))),
      ...(await db().select({ name: orders.billingContactName, email: orders.billingContactEmail }).from(orders).where(eq(orders.tenantId, target.id))),
    ];
    expect(contacts.length).toBeGreaterThan(1);
    expect(contacts.filter((c) => c.name !== ANONYMISED || c.email !== ANONYMISED)).toEqual([]);
    expect((await db().select().from(orders).where(eq(orders.tenantId, target.id))).every((o) => o.message === null)).toBe(true);
    expect((await db().select().from(leadNotes).where(eq(leadNotes.tenantId, target.id))).every((n) => n.body === ANONYMISED)).toBe(true);
    expect((await db().select().from(actions).where(eq(actions.tenantId, target.id))).every((a) => a.description === "" && a.ownerUserId === null)).toBe(true);
    // Accounts of this structure only: gone, with their sessions and e-mails.
    expect(await db().select().from(users).where(inArray(users.id, onlyHereIds))).toEqual([]);
    expect(await db().select().from(sessions).where(inArray(sessions.userId, onlyHereIds))).toEqual([]);
    expect(await db().select().from(emailOutbox).where(sql`lower(${emailOutbox.toAddress}) like '%@villeurbanne.example'`)).toEqual([]);
    // The shared member and the admin keep their accounts.
    expect(await db().select({ id: users.id }).from(users).where(inArray(users.id, [sharedUserId, adminId]))).toHaveLength(2);
    expect(await db().select().from(staffRoles).where(eq(staffRoles.userId, adminId))).not.toHaveLength(0);

    // Invoices and payments: byte for byte the same rows.
    expect(await billingRows(target.id)).toEqual(billingBefore);
    // Published results stay in the frozen benchmarks.
    expect(await db().select({ n: sql<number>`count(*)::int` }).from(resultSnapshots).where(eq(resultSnapshots.tenantId, target.id))).toEqual(snapshotsBefore);

    // Marked, hidden from the directory and the public laureates, 404 for a former member.
    const [row] = await db().select().from(tenants).where(eq(tenants.id, target.id));
    expect(row!.deletedAt).not.toBeNull();
    expect(row!.deletedBy).toBe(adminId);
    expect(row!.showcaseConsentAt).toBeNull();
    expect(row!.siret).toBe(target.siret);
    expect((await listAllTenants({ query: "Villeurbanne" })).rows.map((t) => t.slug)).not.toContain("villeurbanne");
    expect((await listAllTenants({ query: "Lambersart" })).rows.map((t) => t.slug)).toContain("lambersart");
    expect(await findMembership(adminId, "villeurbanne")).toBeNull();
    const linked = await db().select().from(laureates).where(eq(laureates.linkedTenantId, target.id));
    expect(linked.length).toBeGreaterThan(0);
    const publicPaths = (await laureatesForSitemap()).laureates.map((l) => l.path);
    for (const laureate of linked) expect(publicPaths).not.toContain(laureatePath(laureate));

    // Audit log: who, what, counts.
    const [entry] = await db().select().from(auditLog).where(and(eq(auditLog.tenantId, target.id), eq(auditLog.action, "tenant.deleted")));
    expect(entry!.actorUserId).toBe(adminId);
    expect(JSON.parse(entry!.details!)).toMatchObject({ slug: "villeurbanne", memberships: expect.any(Number), usersDeleted: onlyHereIds.length, invitations: 1 });

    // The other structure: untouched.
    expect(await tenantRows(other.id)).toEqual(otherBefore.rows);
    expect(await billingRows(other.id)).toEqual(otherBefore.billing);
    expect((await db().select().from(tenants).where(eq(tenants.id, other.id)))[0]).toEqual(otherBefore.tenant);
    expect(await db().select().from(memberships).where(and(eq(memberships.tenantId, other.id), eq(memberships.userId, sharedUserId)))).toHaveLength(1);
  });

  it("answers 404 to a second deletion", async () => {
    const again = await deleteTenant(staffOf(adminId, ["admin"]), "villeurbanne", { confirmName: target.name });
    expect(again).toMatchObject({ ok: false, status: 404 });
    expect(await db().select().from(tenants).where(and(eq(tenants.slug, "villeurbanne"), isNull(tenants.deletedAt)))).toEqual([]);
  });
});

describe("deleting a structure in the middle of an edition", () => {
  it("withdraws its audits still to do from the auditors' lists and never publishes it on part of them", async () => {
    const leaving = await makeTenant({ name: "Commune fusionnée" });
    const staying = await makeTenant({ name: "Commune voisine" });
    const { enrolment, audit: validated } = await enrolWithPhoneAudit(leaving, 2026, 4);
    await enrolWithPhoneAudit(staying, 2026, 5);
    const [planned, draft] = await db()
      .insert(audits)
      .values([
        { tenantId: leaving.id, editionId: enrolment.editionId, enrolmentId: enrolment.id, number: 2, channel: "courriel", scenario: "Demande par courriel", status: "planned" as const },
        { tenantId: leaving.id, editionId: enrolment.editionId, enrolmentId: enrolment.id, number: 3, channel: "site", scenario: "Site internet", status: "draft" as const },
      ])
      .returning();
    await db().insert(auditAnswers).values({ tenantId: leaving.id, auditId: draft!.id, itemCode: "WEB-ACC-01", value: "oui" });
    const overviewBefore = (await publicationOverview()).find((e) => e.year === 2026)!;
    expect((await listAllAudits({ year: 2026 })).filter((a) => a.tenantName === leaving.name)).toHaveLength(3);

    const outcome = await deleteTenant(staffOf(adminId, ["admin"]), leaving.slug, { confirmName: leaving.name });
    expect(outcome).toMatchObject({ ok: true, counts: { auditsWithdrawn: 2 } });
    // Only the validated audit is left, with its answers; the draft's answers went with it.
    expect((await db().select({ id: audits.id }).from(audits).where(eq(audits.tenantId, leaving.id))).map((a) => a.id)).toEqual([validated.id]);
    expect(await db().select().from(auditAnswers).where(inArray(auditAnswers.auditId, [planned!.id, draft!.id]))).toEqual([]);
    expect((await listAllAudits({ year: 2026 })).filter((a) => a.tenantName === leaving.name).map((a) => a.status)).toEqual(["submitted"]);
    // Publication readiness no longer counts it; the publication leaves it out, its neighbour in.
    expect((await publicationOverview()).find((e) => e.year === 2026)!.enrolled).toBe(overviewBefore.enrolled - 1);
    expect(await publishEditionResults(adminId, 2026)).toMatchObject({ ok: true });
    const published = await db().select({ tenantId: resultSnapshots.tenantId }).from(resultSnapshots).where(inArray(resultSnapshots.tenantId, [leaving.id, staying.id]));
    expect(published).toEqual([{ tenantId: staying.id }]);
    expect((await db().select({ status: enrolments.status }).from(enrolments).where(eq(enrolments.id, enrolment.id)))[0]!.status).toBe("in_audit");
  });
});

describe.skipIf(inject("testDatabase").engine !== "postgres")("a deletion while the edition is being published (two connections)", () => {
  it("waits for the publication holding the edition's row, then withdraws the audits still to do", async () => {
    const config = inject("testDatabase");
    const prepare = process.env.DATABASE_PREPARE ? process.env.DATABASE_PREPARE !== "false" : !(config.engine === "postgres" && config.poolerUrl);
    const second = await openDatabase({ engine: "postgres", url: testDb.handle.url!, max: 1, prepare });
    try {
      const tenant = await makeTenant({ name: "Commune pressée" });
      const { enrolment } = await enrolWithPhoneAudit(tenant, 2026, 3);
      await db().insert(audits).values({ tenantId: tenant.id, editionId: enrolment.editionId, enrolmentId: enrolment.id, number: 2, channel: "courriel", scenario: "Courriel", status: "planned" });
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked = () => {};
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      // What publishEditionResults does first, and keeps until it commits.
      const publication = second.db.transaction(async (tx) => {
        await tx.select({ id: editions.id }).from(editions).where(eq(editions.id, enrolment.editionId)).for("update");
        locked();
        await released;
      });
      await isLocked;
      let finished = false;
      const deletion = deleteTenant(staffOf(adminId, ["admin"]), tenant.slug, { confirmName: tenant.name }).finally(() => (finished = true));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(finished).toBe(false);
      release();
      await publication;
      expect(await deletion).toMatchObject({ ok: true, counts: { auditsWithdrawn: 1 } });
    } finally {
      await second.close();
    }
  });
});
