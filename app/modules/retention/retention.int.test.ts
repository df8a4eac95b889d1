import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, digestSubscribers, emailOutbox, enrolments, leadNotes, leads, memberships, offers, oneTimeTokens, orders, proconnectFlows, rateLimitHits, sessions, tenants, users } from "../../../db/schema";
import { addMember, emailsTo, enrolWithPhoneAudit, makeTenant, makeUser, requestWithSession } from "../../../db/testing/factories";
import { renderRoute } from "../../../db/testing/routes";
import type { RouteObject } from "react-router-dom";
import * as dashboardRoute from "../../routes/t.$tenant._index";
import * as structureRoute from "../../routes/admin.structures.$slug";
import { staffRoles } from "../../../db/schema";
import { formatDate } from "~/utils/format";
import { createSession } from "../auth/session.server";
import { ANONYMISED } from "../tenancy/tenant-deletion.server";
import { useTestDatabase } from "../../../db/testing/test-database";
import { seedEditions } from "../../../db/seed/editions";
import { seedReferentials } from "../../../db/seed/referential";
import { purgeExpiredData, scheduledStructureDeletion, tenantScheduledDeletion } from "./retention.server";

useTestDatabase();

const now = new Date("2027-03-15T10:00:00Z");
const ago = (days: number, extraMs = 0) => new Date(now.getTime() - days * 86_400_000 - extraMs);
const later = (ms: number) => new Date(now.getTime() + ms);
const yearsAgo = (years: number, days = 0, extraMs = 0) => new Date(Date.UTC(2027 - years, 2, 15, 10) - days * 86_400_000 - extraMs);
const nothing = {
  sessions: 0,
  oneTimeTokens: 0,
  proconnectFlows: 0,
  rateLimitHits: 0,
  pendingSubscriptions: 0,
  emails: 0,
  auditEntries: 0,
  inactivityNotices: 0,
  inactiveAccounts: 0,
  ordersAnonymised: 0,
  leadNotesAnonymised: 0,
  structureNotices: 0,
  structuresDeleted: 0,
};

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

    expect(await purgeExpiredData(now)).toEqual({ ...nothing, sessions: 2, oneTimeTokens: 2, proconnectFlows: 1, rateLimitHits: 1, pendingSubscriptions: 1, emails: 1 });

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
    expect(await purgeExpiredData(now)).toEqual(nothing);
  });

  it("warns an account 30 days before its 3 years without sign-in, deletes it after, and a sign-in saves it", async () => {
    const make = (email: string, values: Partial<typeof users.$inferInsert>) => makeUser({ email, ...values });
    const recent = await make("recent@exemple.fr", { lastLoginAt: yearsAgo(3, -31) });
    const soon = await make("bientot@exemple.fr", { name: "Agent Bientôt", lastLoginAt: yearsAgo(3, -29) });
    const warned = await make("prevenu@exemple.fr", { lastLoginAt: yearsAgo(3, 1), inactivityNoticeAt: ago(30, 1000) });
    const late = await make("tardif@exemple.fr", { lastLoginAt: yearsAgo(3, 1) });
    const fresh = await make("frais@exemple.fr", { lastLoginAt: yearsAgo(3, 1), inactivityNoticeAt: ago(29) });
    const never = await make("jamais@exemple.fr", { createdAt: yearsAgo(4), inactivityNoticeAt: ago(31) });
    await db().insert(sessions).values({ id: "session-of-never", userId: never.id, secretHash: new Uint8Array([1]) });

    const counts = await purgeExpiredData(now);
    expect(counts).toMatchObject({ inactivityNotices: 2, inactiveAccounts: 2 });
    const left = (await db().select({ email: users.email }).from(users).where(inArray(users.id, [recent.id, soon.id, warned.id, late.id, fresh.id, never.id]))).map((u) => u.email).sort();
    expect(left).toEqual(["bientot@exemple.fr", "frais@exemple.fr", "recent@exemple.fr", "tardif@exemple.fr"]);
    expect(await db().select().from(sessions).where(eq(sessions.userId, never.id))).toEqual([]);
    // The notice gives the later of "3 years after the last sign-in" and "30 days from now".
    const [soonMail] = await emailsTo("bientot@exemple.fr");
    expect(soonMail).toMatchObject({ template: "account-inactive", subject: "Votre compte sera supprimé faute de connexion" });
    expect(soonMail!.text).toContain("Bonjour Agent Bientôt,");
    expect(soonMail!.text).toContain("supprimé le 14 avril 2027");
    expect((await emailsTo("tardif@exemple.fr"))[0]!.text).toContain("supprimé le 14 avril 2027");
    expect(await emailsTo("recent@exemple.fr")).toEqual([]);
    const [deletion] = await db().select().from(auditLog).where(eq(auditLog.action, "accounts.inactive_deleted"));
    expect(JSON.parse(deletion!.details!)).toMatchObject({ comptes: 2, ids: expect.arrayContaining([warned.id, never.id]) });

    // Another instance, the next hour: nobody is warned twice, nobody deleted before the 30 days.
    expect(await purgeExpiredData(new Date(now.getTime() + 3_600_000))).toMatchObject({ inactivityNotices: 0, inactiveAccounts: 0 });
    expect(await emailsTo("bientot@exemple.fr")).toHaveLength(1);

    // Signing in withdraws the notice; 31 days later the others warned are gone, not this one.
    await createSession(soon.id, { userAgent: null, ipAddress: null });
    const [signedIn] = await db().select().from(users).where(eq(users.id, soon.id));
    expect(signedIn!.inactivityNoticeAt).toBeNull();
    expect(signedIn!.lastLoginAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await purgeExpiredData(new Date(now.getTime() + 31 * 86_400_000))).toMatchObject({ inactiveAccounts: 2 });
    expect((await db().select({ email: users.email }).from(users).where(inArray(users.id, [soon.id, late.id, fresh.id, recent.id]))).map((u) => u.email).sort()).toEqual([
      "bientot@exemple.fr",
      "recent@exemple.fr",
    ]);
  });

  it("keeps the audit log a year and anonymises quote requests and orders 3 years after the last contact", async () => {
    const tenant = await makeTenant();
    await db().insert(auditLog).values([
      { tenantId: tenant.id, actorUserId: null, action: "test.recent", createdAt: ago(364) },
      { tenantId: tenant.id, actorUserId: null, action: "test.old", createdAt: ago(365, 1000) },
    ]);
    const [offer] = await db()
      .insert(offers)
      .values({ code: "RET-TEST", kind: "diagnostic", title: "Diagnostic", description: "d", benefits: "b", duration: "1 jour", prerequisites: "p", priceHtCents: 100_000 })
      .returning();
    const contact = { billingContactName: "Mme Martin", billingContactEmail: "martin@exemple.fr", billingAddress: "Place de la mairie", payerSiret: tenant.siret, message: "Rappeler Mme Martin" };
    const priced = { totalHtCents: 100_000, vatCents: 20_000, totalTtcCents: 120_000, paymentPath: "invoice" as const };
    const order = (reference: string, values: Partial<typeof orders.$inferInsert>) => ({ tenantId: tenant.id, reference, offerId: offer!.id, status: "quote_requested" as const, ...contact, ...values });
    const made = await db()
      .insert(orders)
      .values([
        order("RET-OLD-QUOTE", { createdAt: yearsAgo(3, 1) }),
        order("RET-RECENT-QUOTE", { createdAt: yearsAgo(3, -1) }),
        order("RET-OLD-PAID", { status: "paid", ...priced, createdAt: yearsAgo(4), orderedAt: yearsAgo(4), paidAt: yearsAgo(3, 2) }),
        order("RET-PAID-LATELY", { status: "paid", ...priced, createdAt: yearsAgo(4), orderedAt: yearsAgo(4), paidAt: yearsAgo(3, -2) }),
        order("RET-UNPAID", { status: "confirmed", ...priced, createdAt: yearsAgo(4), orderedAt: yearsAgo(4) }),
        order("RET-NOTED", { createdAt: yearsAgo(4) }),
      ])
      .returning();
    const byRef = Object.fromEntries(made.map((o) => [o.reference, o]));
    // Two leads: one touched 4 years ago, one whose last note is recent (its order counts as contacted).
    const [oldLead, notedLead] = await db()
      .insert(leads)
      .values([
        { tenantId: tenant.id, orderId: byRef["RET-OLD-QUOTE"]!.id, title: "Ancien", updatedAt: yearsAgo(4), createdAt: yearsAgo(4) },
        { tenantId: tenant.id, orderId: byRef["RET-NOTED"]!.id, title: "Suivi", updatedAt: yearsAgo(4), createdAt: yearsAgo(4) },
      ])
      .returning();
    await db().insert(leadNotes).values([
      { tenantId: tenant.id, leadId: oldLead!.id, body: "Mme Martin rappelle lundi", createdAt: yearsAgo(4) },
      { tenantId: tenant.id, leadId: notedLead!.id, body: "Ancienne note", createdAt: yearsAgo(4) },
      { tenantId: tenant.id, leadId: notedLead!.id, body: "Relancée au téléphone", createdAt: yearsAgo(2) },
    ]);

    expect(await purgeExpiredData(now)).toMatchObject({ auditEntries: 1, ordersAnonymised: 2, leadNotesAnonymised: 1 });
    expect((await db().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.tenantId, tenant.id))).map((e) => e.action)).toEqual(["test.recent"]);
    const after = await db().select().from(orders).where(eq(orders.tenantId, tenant.id));
    const anonymised = after.filter((o) => o.billingContactEmail === ANONYMISED).map((o) => o.reference).sort();
    expect(anonymised).toEqual(["RET-OLD-PAID", "RET-OLD-QUOTE"]);
    const oldQuote = after.find((o) => o.reference === "RET-OLD-QUOTE")!;
    expect(oldQuote).toMatchObject({ billingContactName: ANONYMISED, message: null, status: "quote_requested" });
    // Amounts and statuses stay (the invoices of paid orders are kept 10 years).
    expect(after.find((o) => o.reference === "RET-OLD-PAID")).toMatchObject({ status: "paid", totalTtcCents: 120_000 });
    const notes = await db().select({ body: leadNotes.body }).from(leadNotes).where(and(eq(leadNotes.tenantId, tenant.id), eq(leadNotes.leadId, oldLead!.id)));
    expect(notes).toEqual([{ body: ANONYMISED }]);
    expect((await db().select({ body: leadNotes.body }).from(leadNotes).where(eq(leadNotes.leadId, notedLead!.id))).map((n) => n.body).sort()).toEqual(["Ancienne note", "Relancée au téléphone"]);

    expect(await purgeExpiredData(now)).toMatchObject({ auditEntries: 0, ordersAnonymised: 0, leadNotesAnonymised: 0 });
  });

  it("deletes a structure 5 years after its last participation, a month after warning its owners, and taking part again saves it", async () => {
    await seedEditions(db());
    await seedReferentials(db());
    const [offer] = await db()
      .insert(offers)
      .values({ code: "RET-STRUCT", kind: "diagnostic", title: "Diagnostic", description: "d", benefits: "b", duration: "1 jour", prerequisites: "p", priceHtCents: 100_000 })
      .returning();
    const order = (tenant: typeof tenants.$inferSelect, reference: string, values: Partial<typeof orders.$inferInsert>) =>
      db()
        .insert(orders)
        .values({ tenantId: tenant.id, reference, offerId: offer!.id, status: "quote_requested", billingContactName: "Mme Roux", billingContactEmail: "roux@exemple.fr", billingAddress: "Mairie", payerSiret: tenant.siret, ...values });
    const withMembers = async (name: string, values: Partial<typeof tenants.$inferInsert>, members: [string, "owner" | "member" | "viewer"][]) => {
      const tenant = await makeTenant({ name, ...values });
      for (const [email, role] of members) await addMember(tenant.id, (await makeUser({ email, name: `Agent ${email.split("@")[0]}` })).id, role);
      return tenant;
    };
    // Last participation: an order 5 years − 29 days ago → warned now; its owner only is told.
    const soon = await withMembers("Commune Bientôt", { createdAt: yearsAgo(6) }, [["maire-bientot@exemple.fr", "owner"], ["agent-bientot@exemple.fr", "member"]]);
    await order(soon, "RET-SOON", { createdAt: yearsAgo(5, -29) });
    // Created 5 years − 31 days ago, never took part: not yet.
    const recent = await withMembers("Commune Récente", { createdAt: yearsAgo(5, -31) }, [["maire-recente@exemple.fr", "owner"]]);
    // Enrolled 5 years and a day ago, warned 30 days and a second ago: deleted.
    const due = await withMembers("Commune Échue", { createdAt: yearsAgo(7), retentionNoticeAt: ago(30, 1000) }, [["maire-echue@exemple.fr", "owner"]]);
    const { enrolment } = await enrolWithPhoneAudit(due, 2021, 3);
    await db().update(enrolments).set({ createdAt: yearsAgo(5, 2), statusChangedAt: yearsAgo(5, 1), termsAcceptedAt: yearsAgo(5, 2) }).where(eq(enrolments.id, enrolment.id));
    // What AFNOR does on its own does not restart the clock: a quote cancelled 10 days ago.
    await order(due, "RET-DUE-CANCELLED", { status: "cancelled", createdAt: yearsAgo(6), cancelledAt: ago(10) });
    // Warned 30 days minus a second ago: one more hour to wait.
    const almost = await withMembers("Commune Presque", { createdAt: yearsAgo(7), retentionNoticeAt: ago(30, -1000) }, [["maire-presque@exemple.fr", "owner"]]);
    // No member left (accounts deleted after 3 years without sign-in): its last enrolment's billing contact is told.
    const orphan = await withMembers("Commune Orpheline", { createdAt: yearsAgo(8) }, []);
    const { enrolment: orphanEnrolment } = await enrolWithPhoneAudit(orphan, 2020, 3);
    await db()
      .update(enrolments)
      .set({ status: "cancelled", billingContactName: "Secrétariat général", billingContactEmail: "secretariat-orpheline@exemple.fr", createdAt: yearsAgo(6), statusChangedAt: ago(3), cancelledAt: ago(3) })
      .where(eq(enrolments.id, orphanEnrolment.id));
    // 6 years without taking part, never warned, no owner left: its members are told.
    const unwarned = await withMembers("Commune Oubliée", { createdAt: yearsAgo(6) }, [["agent-oubliee@exemple.fr", "member"]]);
    // Warned long ago, but an order came after the notice: the notice no longer counts, a new one is sent.
    const again = await withMembers("Commune Revenue", { createdAt: yearsAgo(8), retentionNoticeAt: yearsAgo(5, 10) }, [["maire-revenue@exemple.fr", "owner"]]);
    await order(again, "RET-AGAIN", { createdAt: yearsAgo(5, 5) });
    // Created 7 years ago, results published 4 years ago (its enrolment moved then): nothing to do.
    const enrolled = await withMembers("Commune Fidèle", { createdAt: yearsAgo(7) }, [["maire-fidele@exemple.fr", "owner"]]);
    const { enrolment: published } = await enrolWithPhoneAudit(enrolled, 2022, 3);
    await db().update(enrolments).set({ status: "results_published", createdAt: yearsAgo(5, 60), statusChangedAt: yearsAgo(4) }).where(eq(enrolments.id, published.id));
    // Warned 31 days ago, but an invoice is unpaid: kept until it settles.
    const paying = await withMembers("Commune Débitrice", { createdAt: yearsAgo(7), retentionNoticeAt: ago(31) }, [["maire-debitrice@exemple.fr", "owner"]]);
    await order(paying, "RET-PAYING", { status: "confirmed", totalHtCents: 100_000, vatCents: 20_000, totalTtcCents: 120_000, paymentPath: "invoice", createdAt: yearsAgo(6), orderedAt: yearsAgo(6) });

    expect(await purgeExpiredData(now)).toMatchObject({ structureNotices: 4, structuresDeleted: 1 });
    const state = async () =>
      Object.fromEntries(
        (await db().select().from(tenants).where(inArray(tenants.id, [soon.id, recent.id, due.id, unwarned.id, again.id, paying.id, enrolled.id, almost.id, orphan.id]))).map((t) => [t.name, t.deletedAt ? "supprimée" : t.retentionNoticeAt ? "prévenue" : "active"]),
      );
    expect(await state()).toEqual({
      "Commune Bientôt": "prévenue",
      "Commune Récente": "active",
      "Commune Échue": "supprimée",
      "Commune Oubliée": "prévenue",
      "Commune Revenue": "prévenue",
      "Commune Débitrice": "prévenue",
      "Commune Fidèle": "active",
      "Commune Presque": "prévenue",
      "Commune Orpheline": "prévenue",
    });
    // The deletion is the admin's one: memberships and the member-only account gone, contacts anonymised, audit entry without actor.
    expect(await db().select().from(memberships).where(eq(memberships.tenantId, due.id))).toEqual([]);
    expect(await db().select().from(users).where(eq(users.email, "maire-echue@exemple.fr"))).toEqual([]);
    const [kept] = await db().select().from(enrolments).where(eq(enrolments.id, enrolment.id));
    expect(kept).toMatchObject({ billingContactEmail: ANONYMISED, totalTtcCents: 120 });
    const [deletion] = await db().select().from(auditLog).where(and(eq(auditLog.tenantId, due.id), eq(auditLog.action, "tenant.deleted")));
    expect(deletion!.actorUserId).toBeNull();
    expect(JSON.parse(deletion!.details!)).toMatchObject({ motif: "fin de la durée de conservation", memberships: 1, usersDeleted: 1 });
    // The notices: owners only when there are some, the later of "5 years after" and "in 30 days".
    const [mail] = await emailsTo("maire-bientot@exemple.fr");
    expect(mail).toMatchObject({ template: "structure-retention", tenantId: soon.id, subject: "L’espace de Commune Bientôt sera supprimé le 14 avril 2027" });
    expect(mail!.text).toContain("depuis le 13 avril 2022");
    expect(mail!.text).toContain(`/t/${soon.slug}/inscription`);
    expect(await emailsTo("agent-bientot@exemple.fr")).toEqual([]);
    expect(await emailsTo("maire-recente@exemple.fr")).toEqual([]);
    const [memberMail] = await emailsTo("agent-oubliee@exemple.fr");
    expect(memberMail!.subject).toBe("L’espace de Commune Oubliée sera supprimé le 14 avril 2027");
    expect(memberMail!.text).toContain("n’a pris part à aucune édition du Baromètre Expérience Citoyen depuis la création de son espace, le 15 mars 2021.");
    expect(memberMail!.text).toContain("Seul un responsable de la structure peut l’inscrire");
    expect(memberMail!.text).not.toContain("/inscription");
    const [contactMail] = await emailsTo("secretariat-orpheline@exemple.fr");
    expect(contactMail!.text).toContain("Bonjour Secrétariat général,");
    expect(contactMail!.text).toContain("comme contact de facturation de Commune Orpheline");
    expect(contactMail!.text).toContain("depuis le 15 mars 2021");
    expect(contactMail!.text).not.toContain("/donnees");
    expect(await emailsTo("maire-revenue@exemple.fr")).toHaveLength(1);
    expect(await emailsTo("maire-debitrice@exemple.fr")).toEqual([]);
    expect(await db().select().from(auditLog).where(and(eq(auditLog.action, "tenant.retention_notice"), inArray(auditLog.tenantId, [soon.id, unwarned.id, again.id, orphan.id])))).toHaveLength(4);

    // The announced date, as the structure's members (row-level security) and AFNOR staff read it.
    const paris = (date: Date | undefined) => date?.toLocaleDateString("fr-FR", { timeZone: "Europe/Paris" });
    const announced = await tenantScheduledDeletion(soon.id);
    expect(paris(announced?.deletionDate)).toBe("14/04/2027");
    expect(paris(announced?.lastParticipation)).toBe("13/04/2022");
    expect(paris((await scheduledStructureDeletion(db(), unwarned.id))?.deletionDate)).toBe("14/04/2027");
    expect(await tenantScheduledDeletion(recent.id)).toBeNull();
    expect(await tenantScheduledDeletion(paying.id, now)).toMatchObject({ state: "awaiting_payment", neverTookPart: false });
    expect(await tenantScheduledDeletion(unwarned.id, now)).toMatchObject({ state: "announced", neverTookPart: true });
    expect(await tenantScheduledDeletion(almost.id, now)).toMatchObject({ state: "announced" });
    expect(await tenantScheduledDeletion(almost.id, new Date(now.getTime() + 1000))).toMatchObject({ state: "due" });
    expect(await scheduledStructureDeletion(db(), due.id)).toBeNull();

    // Another instance, the next hour: nobody warned twice; the one warned 30 days before goes.
    expect(await purgeExpiredData(new Date(now.getTime() + 3_600_000))).toMatchObject({ structureNotices: 0, structuresDeleted: 1 });
    expect(await emailsTo("maire-bientot@exemple.fr")).toHaveLength(1);
    // 29 days on, those warned today are all still there; the recent one enters its last month.
    expect(await purgeExpiredData(new Date(now.getTime() + 29 * 86_400_000))).toMatchObject({ structureNotices: 1, structuresDeleted: 0 });
    expect(await emailsTo("maire-recente@exemple.fr")).toHaveLength(1);

    // Taking part again (an order) withdraws the notice; 31 days later the other warned ones are gone.
    await order(soon, "RET-SOON-2", { createdAt: new Date(now.getTime() + 86_400_000) });
    expect(await tenantScheduledDeletion(soon.id)).toBeNull();
    expect(await purgeExpiredData(new Date(now.getTime() + 31 * 86_400_000))).toMatchObject({ structuresDeleted: 3 });
    expect(await state()).toEqual({
      "Commune Bientôt": "prévenue",
      "Commune Récente": "prévenue",
      "Commune Échue": "supprimée",
      "Commune Oubliée": "supprimée",
      "Commune Revenue": "supprimée",
      "Commune Débitrice": "prévenue",
      "Commune Fidèle": "active",
      "Commune Presque": "supprimée",
      "Commune Orpheline": "supprimée",
    });
    const [stillThere] = await db().select().from(tenants).where(eq(tenants.id, soon.id));
    expect(stillThere!.deletedAt).toBeNull();
  });

  it("shows the announced date on the structure's dashboard and on its back-office page", async () => {
    const today = new Date();
    const noticeAt = new Date(today.getTime() - 86_400_000);
    const tenant = await makeTenant({ name: "Commune Affichée", slug: "commune-affichee", createdAt: new Date(Date.UTC(today.getUTCFullYear() - 6, 0, 10)), retentionNoticeAt: noticeAt });
    const owner = await makeUser({ email: "maire-affichee@exemple.fr" });
    await addMember(tenant.id, owner.id, "owner");
    const admin = await makeUser({ email: "admin-retention@afnor.example" });
    await db().insert(staffRoles).values({ userId: admin.id, role: "admin" });
    const token = async (userId: string) => (await createSession(userId, { userAgent: null, ipAddress: null })).token;
    const routes = [
      { id: "dashboard", path: "/t/:tenant", loader: dashboardRoute.loader, Component: dashboardRoute.default },
      { id: "structure", path: "/admin/structures/:slug", loader: structureRoute.loader, Component: structureRoute.default },
    ] as unknown as RouteObject[];
    const text = (html: string) => html.replace(/[\u00a0\u202f]/g, " ").replaceAll("&#x27;", "'");
    const date = formatDate(new Date(noticeAt.getTime() + 30 * 86_400_000)).replace(/[\u00a0\u202f]/g, " ");

    const dashboard = await renderRoute(routes, requestWithSession(await token(owner.id), "http://localhost:3000/t/commune-affichee"));
    expect(dashboard.status).toBe(200);
    expect(text(dashboard.html)).toContain(`Sans nouvelle participation, l'espace de Commune Affichée sera supprimé le ${date} : la structure n'a pas participé au baromètre depuis la création de son espace`);
    expect(dashboard.html).toContain('href="/t/commune-affichee/inscription"');

    const backOffice = await renderRoute(routes, requestWithSession(await token(admin.id), "http://localhost:3000/admin/structures/commune-affichee"));
    expect(backOffice.status).toBe(200);
    expect(text(backOffice.html)).toContain(`Suppression automatique prévue le ${date} : aucune participation depuis la création de son espace`);

    // A notice older than the last participation counts no more: nothing announced.
    await db().update(tenants).set({ createdAt: today }).where(eq(tenants.id, tenant.id));
    expect(text((await renderRoute(routes, requestWithSession(await token(owner.id), "http://localhost:3000/t/commune-affichee"))).html)).not.toContain("sera supprimé");
  });
});

