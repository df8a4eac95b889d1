import { eq } from "drizzle-orm";
import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, editions, emailOutbox, enrolments, invoiceReminders, invoices, staffRoles } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { makeTenant, makeUser } from "../../../db/testing/factories";
import { renderRoute, routeResponse } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as csvRoute from "../../routes/admin.impayes[.csv]";
import * as unpaidRoute from "../../routes/admin.impayes";
import { createSession } from "../auth/session.server";
import { ALREADY_REMINDED, daysLate, listUnpaidInvoices, parisDay, sendInvoiceReminder } from "./dunning.server";

useTestDatabase();

const day = 86_400_000;
let salesId = "";
let salesToken = "";

beforeAll(async () => {
  await seedEditions(db());
  const sales = await makeUser();
  await db().insert(staffRoles).values({ userId: sales.id, role: "sales" });
  salesId = sales.id;
  salesToken = (await createSession(sales.id, { userAgent: null, ipAddress: null })).token;
});

/** An enrolment on invoice of a new structure, with an invoice in `status` due `dueInDays` from now. */
async function invoiceDue(dueInDays: number, status: "open" | "paid" = "open", name = "Commune de Test") {
  const tenant = await makeTenant({ name });
  const [edition] = await db().select().from(editions).where(eq(editions.year, 2027));
  const [enrolment] = await db()
    .insert(enrolments)
    .values({
      tenantId: tenant.id,
      editionId: edition!.id,
      status: status === "paid" ? "paid" : "confirmed",
      category: tenant.category,
      basePriceHtCents: 249_000,
      totalHtCents: 249_000,
      vatCents: 49_800,
      totalTtcCents: 298_800,
      paymentPath: "invoice",
      billingContactName: "Comptabilité",
      billingContactEmail: `compta-${tenant.slug}@exemple.fr`,
      billingAddress: "Mairie",
      payerSiret: tenant.siret,
      termsVersion: edition!.termsVersion,
      termsAcceptedAt: new Date(),
    })
    .returning();
  const [invoice] = await db()
    .insert(invoices)
    .values({
      tenantId: tenant.id,
      enrolmentId: enrolment!.id,
      stripeInvoiceId: `in_${tenant.slug}`,
      stripeCustomerId: `cus_${tenant.slug}`,
      number: `F-${tenant.slug.slice(-6)}`,
      status,
      totalHtCents: 249_000,
      vatCents: 49_800,
      totalTtcCents: 298_800,
      dueAt: new Date(Date.now() + dueInDays * day),
      paidAt: status === "paid" ? new Date() : null,
    })
    .returning();
  return { tenant, enrolment: enrolment!, invoice: invoice! };
}

const routes = [
  { id: "unpaid", path: "/admin/impayes", loader: unpaidRoute.loader, action: unpaidRoute.action, Component: unpaidRoute.default },
  { id: "csv", path: "/admin/impayes.csv", loader: csvRoute.loader },
] as unknown as RouteObject[];

function post(invoiceId: string) {
  const body = new FormData();
  body.set("invoiceId", invoiceId);
  return new Request("http://localhost:3000/admin/impayes", { method: "POST", body, headers: { Cookie: `ec_session=${salesToken}` } });
}

describe("unpaid follow-up", () => {
  it("counts days late in Paris calendar days", () => {
    expect(parisDay(new Date("2026-11-23T23:30:00Z"))).toBe("2026-11-24");
    expect(daysLate(new Date("2026-11-01T12:00:00Z"), new Date("2026-11-23T23:30:00Z"))).toBe(23);
    expect(daysLate(new Date("2026-11-30T12:00:00Z"), new Date("2026-11-23T10:00:00Z"))).toBe(-7);
  });

  it("lists open invoices overdue or due within 7 days, most overdue first", async () => {
    const overdue = await invoiceDue(-12, "open", "Commune en retard");
    const soon = await invoiceDue(3, "open", "Commune bientôt");
    const later = await invoiceDue(20);
    const paid = await invoiceDue(-30, "paid");
    const ids = (await listUnpaidInvoices()).map((r) => r.id);
    expect(ids).toContain(overdue.invoice.id);
    expect(ids).toContain(soon.invoice.id);
    expect(ids).not.toContain(later.invoice.id);
    expect(ids).not.toContain(paid.invoice.id);
    expect(ids.indexOf(overdue.invoice.id)).toBeLessThan(ids.indexOf(soon.invoice.id));

    const { status, html } = await renderRoute(routes, new Request("http://localhost:3000/admin/impayes", { headers: { Cookie: `ec_session=${salesToken}` } }));
    expect(status).toBe(200);
    expect(html).toMatch(/<th scope="row">Commune en retard<\/th><td>Baromètre 2027<\/td><td>F-[^<]+<\/td><td class="numeric">2\u202f988,00\u00a0€<\/td><td>[^<]+<\/td><td><strong>12 jours<\/strong><\/td>/);
    expect(html).toContain("Dans 3 jours");

    const csv = await routeResponse(routes, new Request("http://localhost:3000/admin/impayes.csv", { headers: { Cookie: `ec_session=${salesToken}` } }));
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await csv.text();
    expect(text).toContain("Structure;Objet;Facture;Montant TTC (€);Échéance;Jours de retard;Contact de facturation;Dernière relance");
    expect(text).toMatch(/Commune en retard;Baromètre 2027;F-[^;]+;2988,00;\d\d\/\d\d\/\d{4};12;compta-/);
  });

  it("sends one reminder per invoice and Paris day, even for two concurrent clicks, and records who", async () => {
    const { invoice, enrolment } = await invoiceDue(-10);
    const now = new Date();
    const [first, second] = await Promise.all([sendInvoiceReminder(salesId, invoice.id, now), sendInvoiceReminder(salesId, invoice.id, now)]);
    expect([first?.ok, second?.ok].sort()).toEqual([false, true]);
    expect([first, second].find((r) => r && !r.ok)?.message).toBe(ALREADY_REMINDED);
    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, enrolment.billingContactEmail));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Facture F-\S+ échue le /);
    expect(await db().select().from(invoiceReminders).where(eq(invoiceReminders.invoiceId, invoice.id))).toHaveLength(1);
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.targetId, invoice.id));
    expect(entry).toMatchObject({ action: "invoice.reminder_sent", actorUserId: salesId, tenantId: invoice.tenantId });

    // The next day (Paris), a new reminder may go.
    const tomorrow = await sendInvoiceReminder(salesId, invoice.id, new Date(now.getTime() + day));
    expect(tomorrow?.ok).toBe(true);
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, enrolment.billingContactEmail))).toHaveLength(2);
    const [listed] = (await listUnpaidInvoices()).filter((r) => r.id === invoice.id);
    expect(listed?.lastReminderAt).not.toBeNull();
  });

  it("answers the button through the action: confirmation, polite refusal, 404 for an unknown or malformed id", async () => {
    const { invoice } = await invoiceDue(-5);
    const sent = await renderRoute(routes, post(invoice.id));
    expect(sent.status).toBe(200);
    expect(sent.html).toContain("Relance envoyée à compta-");
    const again = await renderRoute(routes, post(invoice.id));
    expect(again.html).toContain("Une relance a déjà été envoyée aujourd&#x27;hui pour cette facture.");
    expect((await renderRoute(routes, post("00000000-0000-4000-8000-000000000000"))).status).toBe(404);
    expect((await renderRoute(routes, post("pas-un-id"))).status).toBe(404);
  });

  it("refuses a reminder for a paid invoice", async () => {
    const { invoice } = await invoiceDue(-5, "paid");
    expect(await sendInvoiceReminder(salesId, invoice.id)).toMatchObject({ ok: false });
  });
});
