import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { emailOutbox, enrolments, invoices, payments, stripeEvents } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { addMember, makeTenant, makeUser, requestWithSession } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { startStripeHarness } from "../../../db/testing/stripe";
import type { FakeStripe } from "../../../scripts/fake-stripe";

/*
 * The real Stripe SDK against the local fake Stripe, whose signed webhooks reach our real handler
 * through a small HTTP endpoint (the Remix route only adds the request plumbing).
 */
const secret = "whsec_test_billing";
let fake: FakeStripe;
let stripeHarness: Awaited<ReturnType<typeof startStripeHarness>>;
let modules: {
  billing: typeof import("./billing.server");
  webhooks: typeof import("./webhooks.server");
  enrolment: typeof import("../enrolment/enrolment.server");
  guard: typeof import("../tenancy/guard.server");
  session: typeof import("../auth/session.server");
  staff: typeof import("../enrolment/staff.server");
};

useTestDatabase();

beforeAll(async () => {
  stripeHarness = await startStripeHarness(secret);
  fake = stripeHarness.fake;
  modules = {
    billing: await import("./billing.server"),
    webhooks: await import("./webhooks.server"),
    enrolment: await import("../enrolment/enrolment.server"),
    guard: await import("../tenancy/guard.server"),
    session: await import("../auth/session.server"),
    staff: await import("../enrolment/staff.server"),
  };
  await seedEditions(db());
});

afterAll(() => stripeHarness.close());

async function enrolledTenant(paymentPath: "card" | "invoice") {
  const tenant = await makeTenant({ name: "Ville de Lambersart", category: "commune_20000_49999" });
  const owner = await makeUser();
  await addMember(tenant.id, owner.id, "owner");
  const { token } = await modules.session.createSession(owner.id, { userAgent: null, ipAddress: null });
  const ctx = await modules.guard.requireMembership(requestWithSession(token), tenant.slug, "enrolment.manage");
  const outcome = await modules.enrolment.submitEnrolment(ctx, {
    onsiteVisit: false,
    paymentPath,
    billingContactName: "Service finances",
    billingContactEmail: "finances@exemple.fr",
    billingAddress: "1 place de la Mairie, 59130 Lambersart",
    engagementNumber: "EJ-2027-0042",
    chorusServiceCode: "SERVICE-FIN",
    termsVersion: "CGV-2027-01",
  });
  if (!outcome.ok) throw new Error(outcome.message);
  return { ctx, enrolment: outcome.enrolment };
}

async function enrolmentStatus(id: string) {
  const [row] = await db().select({ status: enrolments.status }).from(enrolments).where(eq(enrolments.id, id));
  return row?.status;
}

describe("card payment", () => {
  it("creates a checkout for the frozen TTC amount and becomes paid on the webhook, once", async () => {
    const { ctx, enrolment } = await enrolledTenant("card");
    const checkout = await modules.billing.startCardCheckout(ctx, enrolment, "Baromètre 2027");
    expect(checkout.ok).toBe(true);
    const [payment] = await db().select().from(payments).where(eq(payments.enrolmentId, enrolment.id));
    const session = fake.objects.get(payment!.stripeCheckoutSessionId!);
    expect(session).toMatchObject({ amount_total: 298_800, currency: "eur", metadata: { tenantId: ctx.tenant.id, enrolmentId: enrolment.id } });
    const completed = await fake.completeCheckout(session.id);
    expect(completed.status).toBe(200);
    expect(await enrolmentStatus(enrolment.id)).toBe("paid");
    // The same event delivered again is acknowledged and changes nothing.
    const again = await fake.emit("checkout.session.completed", fake.objects.get(session.id), { id: completed.event.id });
    expect(again.status).toBe(200);
    const rows = await db().select().from(payments).where(eq(payments.enrolmentId, enrolment.id));
    expect(rows.filter((p) => p.status === "paid")).toHaveLength(1);
    const receipts = await db().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `payment-received:${enrolment.id}`));
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ toAddress: "finances@exemple.fr", subject: "Paiement reçu : Baromètre Expérience Citoyen 2027" });
  });

  it("refunds fully on charge.refunded", async () => {
    const { ctx, enrolment } = await enrolledTenant("card");
    await modules.billing.startCardCheckout(ctx, enrolment, "Baromètre 2027");
    const [payment] = await db().select().from(payments).where(eq(payments.enrolmentId, enrolment.id));
    const { paymentIntent } = await fake.completeCheckout(payment!.stripeCheckoutSessionId!);
    const { default: Stripe } = await import("stripe");
    const client = new Stripe("sk_test_billing", { host: fake.host, port: fake.port, protocol: "http" });
    await client.refunds.create({ payment_intent: paymentIntent.id });
    await fake.webhooksIdle();
    expect(await enrolmentStatus(enrolment.id)).toBe("refunded");
  });
});

describe("pay on invoice", () => {
  it("issues a 30-day invoice with the buyer's references, confirmed then paid", async () => {
    const { ctx, enrolment } = await enrolledTenant("invoice");
    await modules.billing.issueEnrolmentInvoice(ctx, enrolment, "Baromètre 2027");
    await fake.webhooksIdle();
    const [invoice] = await db().select().from(invoices).where(eq(invoices.enrolmentId, enrolment.id));
    expect(invoice).toMatchObject({ status: "open", totalTtcCents: 298_800 });
    expect(invoice?.number).toMatch(/^F-\d{4}-\d{4}$/);
    expect(invoice?.references).toEqual(
      expect.arrayContaining([
        { label: "N° d'engagement", value: "EJ-2027-0042" },
        { label: "Code service", value: "SERVICE-FIN" },
      ]),
    );
    const stripeInvoice = fake.objects.get(invoice!.stripeInvoiceId);
    expect(stripeInvoice).toMatchObject({ collection_method: "send_invoice", amount_due: 298_800 });
    expect(await enrolmentStatus(enrolment.id)).toBe("confirmed");
    await fake.payInvoice(invoice!.stripeInvoiceId);
    expect(await enrolmentStatus(enrolment.id)).toBe("paid");
    const [issued] = await db().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `invoice-issued:${invoice!.id}`));
    expect(issued?.text).toContain("EJ-2027-0042");
  });

  it("reminds 7 days before and 7 days after the due date, once each", async () => {
    const { ctx, enrolment } = await enrolledTenant("invoice");
    await modules.billing.issueEnrolmentInvoice(ctx, enrolment, "Baromètre 2027");
    await fake.webhooksIdle();
    const [invoice] = await db().select().from(invoices).where(eq(invoices.enrolmentId, enrolment.id));
    const { sendInvoiceReminders } = await import("./notifications.server");
    const due = invoice!.dueAt!;
    await sendInvoiceReminders(new Date(due.getTime() - 20 * 86_400_000));
    await sendInvoiceReminders(new Date(due.getTime() - 6 * 86_400_000));
    await sendInvoiceReminders(new Date(due.getTime() - 5 * 86_400_000));
    await sendInvoiceReminders(new Date(due.getTime() + 8 * 86_400_000));
    await sendInvoiceReminders(new Date(due.getTime() + 9 * 86_400_000));
    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, "finances@exemple.fr"));
    const mine = mails.filter((m) => m.idempotencyKey.endsWith(invoice!.id));
    expect(mine.map((m) => m.idempotencyKey.split(":")[0]).sort()).toEqual(["invoice-after", "invoice-before", "invoice-issued"]);
  });
});

describe("webhook robustness", () => {
  it("refuses a bad signature and writes nothing", async () => {
    const before = await db().select({ n: sql<number>`count(*)::int` }).from(stripeEvents);
    const outcome = await modules.webhooks.handleStripeWebhook(JSON.stringify({ id: "evt_forged", type: "invoice.paid" }), "t=1,v1=deadbeef");
    expect(outcome.status).toBe(400);
    const wrongSecret = await fake.emit("invoice.paid", { id: "in_x", object: "invoice" }, { secret: "whsec_wrong" });
    expect(wrongSecret.status).toBe(400);
    const old = await fake.emit("invoice.paid", { id: "in_x", object: "invoice" }, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(old.status).toBe(400);
    const after = await db().select({ n: sql<number>`count(*)::int` }).from(stripeEvents);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("ends paid when invoice.paid arrives before invoice.finalized", async () => {
    const { ctx, enrolment } = await enrolledTenant("invoice");
    fake.setWebhookUrl(null);
    await modules.billing.issueEnrolmentInvoice(ctx, enrolment, "Baromètre 2027");
    const [invoice] = await db().select().from(invoices).where(eq(invoices.enrolmentId, enrolment.id));
    // issueEnrolmentInvoice synced the finalised invoice itself; undo that to replay events out of order.
    await db().update(invoices).set({ status: "draft" }).where(eq(invoices.id, invoice!.id));
    await db().update(enrolments).set({ status: "awaiting_payment" }).where(eq(enrolments.id, enrolment.id));
    fake.setWebhookUrl(stripeHarness.webhookUrl);
    const stripeInvoice = { ...fake.objects.get(invoice!.stripeInvoiceId), status: "paid" };
    expect((await fake.emit("invoice.paid", stripeInvoice)).status).toBe(200);
    expect((await fake.emit("invoice.finalized", { ...stripeInvoice, status: "open" })).status).toBe(200);
    expect(await enrolmentStatus(enrolment.id)).toBe("paid");
  });

  it("records one payment out of 20 concurrent deliveries of one event", async () => {
    const { ctx, enrolment } = await enrolledTenant("card");
    await modules.billing.startCardCheckout(ctx, enrolment, "Baromètre 2027");
    const [payment] = await db().select().from(payments).where(eq(payments.enrolmentId, enrolment.id));
    fake.setWebhookUrl(null);
    const { event } = await fake.completeCheckout(payment!.stripeCheckoutSessionId!);
    fake.setWebhookUrl(stripeHarness.webhookUrl);
    const deliveries = await Promise.all(Array.from({ length: 20 }, () => fake.emit(event.type, event.data.object, { id: event.id })));
    expect(deliveries.every((d) => d.status === 200)).toBe(true);
    const rows = await db().select().from(payments).where(eq(payments.enrolmentId, enrolment.id));
    expect(rows.filter((p) => p.status === "paid")).toHaveLength(1);
    const handled = await db().select().from(stripeEvents).where(eq(stripeEvents.id, event.id));
    expect(handled).toHaveLength(1);
    expect(await enrolmentStatus(enrolment.id)).toBe("paid");
  });

  it("acknowledges and ignores unknown event types", async () => {
    expect((await fake.emit("customer.created", { id: "cus_x", object: "customer" })).status).toBe(200);
  });
});

describe("staff actions", () => {
  it("cancel an unpaid invoice enrolment with a reason: the invoice is voided and the buyer told", async () => {
    const { ctx, enrolment } = await enrolledTenant("invoice");
    await modules.billing.issueEnrolmentInvoice(ctx, enrolment, "Baromètre 2027");
    await fake.webhooksIdle();
    const staff = await makeUser();
    const outcome = await modules.staff.cancelEnrolment(staff.id, enrolment.id, "Demande de la collectivité");
    expect(outcome.ok).toBe(true);
    await fake.webhooksIdle();
    expect(await enrolmentStatus(enrolment.id)).toBe("cancelled");
    const [invoice] = await db().select().from(invoices).where(eq(invoices.enrolmentId, enrolment.id));
    expect(invoice?.status).toBe("void");
    expect(fake.objects.get(invoice!.stripeInvoiceId).status).toBe("void");
    const [mail] = await db().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `enrolment-cancelled:${enrolment.id}`));
    expect(mail?.text).toContain("Demande de la collectivité");
    expect((await modules.staff.cancelEnrolment(staff.id, enrolment.id, "encore")).ok).toBe(false);
  });

  it("refund a card payment through Stripe; the webhook marks it refunded", async () => {
    const { ctx, enrolment } = await enrolledTenant("card");
    await modules.billing.startCardCheckout(ctx, enrolment, "Baromètre 2027");
    const [payment] = await db().select().from(payments).where(eq(payments.enrolmentId, enrolment.id));
    await fake.completeCheckout(payment!.stripeCheckoutSessionId!);
    const staff = await makeUser();
    expect((await modules.staff.cancelEnrolment(staff.id, enrolment.id, "trop tard")).ok).toBe(false);
    expect((await modules.staff.refundEnrolment(staff.id, enrolment.id, "Erreur de commande")).ok).toBe(true);
    await fake.webhooksIdle();
    expect(await enrolmentStatus(enrolment.id)).toBe("refunded");
    const [refunded] = await db().select().from(payments).where(eq(payments.id, payment!.id));
    expect(refunded).toMatchObject({ status: "refunded", refundedCents: 298_800 });
  });

  it("lists an edition's enrolments for sales", async () => {
    const rows = await modules.staff.listEditionEnrolments(2027);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toHaveProperty("regionName");
  });
});
