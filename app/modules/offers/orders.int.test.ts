import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, emailOutbox, invoices, leads, offers, orders, payments, trainingSessions } from "../../../db/schema";
import { seedOfferCatalogue } from "../../../db/seed/offers";
import { addMember, makeTenant, makeUser, requestWithSession } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { startStripeHarness } from "../../../db/testing/stripe";
import type { FakeStripe } from "../../../scripts/fake-stripe";
import type { TenantContext } from "../tenancy/guard.server";
import { offerCodes } from "./ladder";
import type { OrderInput } from "./order-schema";

/*
 * Quotes and orders of catalogue offers, paid through the real billing module: the real Stripe
 * SDK talks to the local fake Stripe, whose signed webhooks reach our real handler.
 */
const secret = "whsec_test_orders";
let fake: FakeStripe;
let stripeHarness: Awaited<ReturnType<typeof startStripeHarness>>;
let modules: {
  orders: typeof import("./orders.server");
  webhooks: typeof import("../billing/webhooks.server");
  dunning: typeof import("../billing/dunning.server");
  guard: typeof import("../tenancy/guard.server");
  session: typeof import("../auth/session.server");
};

useTestDatabase();

beforeAll(async () => {
  stripeHarness = await startStripeHarness(secret);
  fake = stripeHarness.fake;
  modules = {
    orders: await import("./orders.server"),
    webhooks: await import("../billing/webhooks.server"),
    dunning: await import("../billing/dunning.server"),
    guard: await import("../tenancy/guard.server"),
    session: await import("../auth/session.server"),
  };
  await seedOfferCatalogue(db());
});

afterAll(() => stripeHarness.close());

async function ownerContext(name = "Ville de Lambersart"): Promise<TenantContext> {
  const tenant = await makeTenant({ name });
  const owner = await makeUser();
  await addMember(tenant.id, owner.id, "owner");
  const { token } = await modules.session.createSession(owner.id, { userAgent: null, ipAddress: null });
  return modules.guard.requireMembership(requestWithSession(token), tenant.slug, "orders.manage");
}

const billing = {
  billingContactName: "Service finances",
  billingContactEmail: "finances@lambersart.example",
  billingAddress: "1 place de la Mairie, 59130 Lambersart",
};

function input(overrides: Partial<OrderInput>): OrderInput {
  return { intent: "order", trainees: 1, sites: 1, paymentPath: "invoice", engagementNumber: "EJ-2026-0099", acceptTerms: "on", ...billing, ...overrides } as OrderInput;
}

async function sessionOf(code: string, predicate: (s: typeof trainingSessions.$inferSelect) => boolean) {
  const [offer] = await db().select().from(offers).where(eq(offers.code, code));
  const sessions = await db().select().from(trainingSessions).where(eq(trainingSessions.offerId, offer!.id));
  const session = sessions.find(predicate);
  if (!session) throw new Error(`no session for ${code}`);
  return session;
}

async function seatsTaken(id: string) {
  const [row] = await db().select({ taken: trainingSessions.seatsTaken }).from(trainingSessions).where(eq(trainingSessions.id, id));
  return row!.taken;
}

async function orderRow(id: string) {
  const [row] = await db().select().from(orders).where(eq(orders.id, id));
  return row!;
}

describe("quote requests", () => {
  it("records a quote for an offer sur devis, opens a lead and commits nothing", async () => {
    const ctx = await ownerContext();
    const outcome = await modules.orders.submitOrder(ctx, offerCodes.qualivilles, { intent: "quote", trainees: 1, sites: 3, message: "Trois mairies annexes.", ...billing } as OrderInput);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.redirectTo).toBe(`/t/${ctx.tenant.slug}/offres?demande=${outcome.order.reference}#commandes`);
    expect(outcome.order).toMatchObject({ status: "quote_requested", sites: 3, totalHtCents: null, paymentPath: null, seatsReserved: 0, message: "Trois mairies annexes." });
    const [lead] = await db().select().from(leads).where(eq(leads.orderId, outcome.order.id));
    expect(lead).toMatchObject({ status: "nouveau", tenantId: ctx.tenant.id, valueHtCents: null });
    expect(lead!.title).toContain(outcome.order.reference);
    const mails = await db().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `order-quote:${outcome.order.id}`));
    expect(mails[0]).toMatchObject({ toAddress: "finances@lambersart.example" });
    expect(mails[0]!.subject).toMatch(/^Demande de devis reçue : /);
    expect(await db().select().from(payments).where(eq(payments.orderId, outcome.order.id))).toHaveLength(0);
  });

  it("refuses to order an offer sur devis", async () => {
    const ctx = await ownerContext();
    const outcome = await modules.orders.submitOrder(ctx, offerCodes.qualivilles, input({}));
    expect(outcome).toMatchObject({ ok: false, message: expect.stringContaining("sur devis") });
    expect(await db().select().from(orders).where(eq(orders.tenantId, ctx.tenant.id))).toHaveLength(0);
  });
});

describe("orders paid through the billing module", () => {
  it("orders a training seat on invoice: seat taken, invoice issued, confirmed then paid", async () => {
    const ctx = await ownerContext();
    const session = await sessionOf(offerCodes.phoneTraining, (s) => s.place === "Lyon");
    const before = await seatsTaken(session.id);
    const outcome = await modules.orders.submitOrder(ctx, offerCodes.phoneTraining, input({ sessionId: session.id, trainees: 2 }));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    await fake.webhooksIdle();
    expect(await seatsTaken(session.id)).toBe(before + 2);
    const order = await orderRow(outcome.order.id);
    const [offer] = await db().select().from(offers).where(eq(offers.code, offerCodes.phoneTraining));
    expect(order).toMatchObject({ status: "confirmed", trainees: 2, seatsReserved: 2, totalHtCents: 2 * offer!.priceHtCents!, paymentPath: "invoice" });
    const [invoice] = await db().select().from(invoices).where(eq(invoices.orderId, order.id));
    expect(invoice).toMatchObject({ status: "open", enrolmentId: null, totalTtcCents: order.totalTtcCents });
    expect(invoice!.references).toEqual(expect.arrayContaining([{ label: "N° d'engagement", value: "EJ-2026-0099" }]));
    const issued = await db().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `invoice-issued:${invoice!.id}`));
    expect(issued[0]?.toAddress).toBe("finances@lambersart.example");
    // The unpaid follow-up lists it as an order once due.
    const unpaid = await modules.dunning.listUnpaidInvoices(new Date(invoice!.dueAt!.getTime() + 86_400_000));
    expect(unpaid.find((u) => u.id === invoice!.id)).toMatchObject({ subject: `Commande ${order.reference}`, billingContactEmail: "finances@lambersart.example" });

    await fake.payInvoice(invoice!.stripeInvoiceId);
    expect((await orderRow(order.id)).status).toBe("paid");
    const receipts = await db().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `order-paid:${order.id}`));
    expect(receipts).toHaveLength(1);
    const trail = await db().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.tenantId, ctx.tenant.id), eq(auditLog.targetId, order.id)));
    expect(trail.map((a) => a.action).sort()).toEqual(["order.confirmed", "order.paid", "order.placed"]);
    expect(await db().select().from(leads).where(eq(leads.orderId, order.id))).toHaveLength(1);
  });

  it("orders by card: paid on the webhook, once", async () => {
    const ctx = await ownerContext();
    const outcome = await modules.orders.submitOrder(ctx, offerCodes.flash, input({ paymentPath: "card", sites: 2, engagementNumber: undefined }));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.redirectTo).toMatch(/^http/);
    const [payment] = await db().select().from(payments).where(eq(payments.orderId, outcome.order.id));
    const checkout = fake.objects.get(payment!.stripeCheckoutSessionId!);
    expect(checkout).toMatchObject({ amount_total: outcome.order.totalTtcCents, metadata: { tenantId: ctx.tenant.id, orderId: outcome.order.id } });
    const completed = await fake.completeCheckout(checkout.id);
    expect(completed.status).toBe(200);
    await fake.emit("checkout.session.completed", fake.objects.get(checkout.id), { id: completed.event.id });
    expect((await orderRow(outcome.order.id)).status).toBe("paid");
    expect(await db().select().from(emailOutbox).where(eq(emailOutbox.idempotencyKey, `order-paid:${outcome.order.id}`))).toHaveLength(1);
    const found = await modules.orders.findOrderByCheckoutSession(ctx, checkout.id);
    expect(found?.order.status).toBe("paid");
  });

  it("releases the seats when the card checkout expires", async () => {
    const ctx = await ownerContext();
    const session = await sessionOf(offerCodes.onlineTraining, (s) => s.place === "Bordeaux");
    const before = await seatsTaken(session.id);
    const outcome = await modules.orders.submitOrder(ctx, offerCodes.onlineTraining, input({ sessionId: session.id, paymentPath: "card", engagementNumber: undefined }));
    if (!outcome.ok) throw new Error(outcome.message);
    expect(await seatsTaken(session.id)).toBe(before + 1);
    const [payment] = await db().select().from(payments).where(eq(payments.orderId, outcome.order.id));
    const { default: Stripe } = await import("stripe");
    const client = new Stripe("sk_test_orders", { host: fake.host, port: fake.port, protocol: "http" });
    await client.checkout.sessions.expire(payment!.stripeCheckoutSessionId!);
    await fake.webhooksIdle();
    expect(await orderRow(outcome.order.id)).toMatchObject({ status: "cancelled", seatsReserved: 0 });
    expect(await seatsTaken(session.id)).toBe(before);
  });
});

describe("training seats", () => {
  it("never oversells the last seat: two concurrent orders, one order and one clear refusal", async () => {
    const [a, b] = [await ownerContext("Ville A"), await ownerContext("Ville B")];
    const session = await sessionOf(offerCodes.writingTraining, (s) => s.seats - s.seatsTaken === 1);
    const results = await Promise.all([
      modules.orders.submitOrder(a, offerCodes.writingTraining, input({ sessionId: session.id })),
      modules.orders.submitOrder(b, offerCodes.writingTraining, input({ sessionId: session.id })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, field: "sessionId", message: expect.stringContaining("complète") });
    const [row] = await db().select().from(trainingSessions).where(eq(trainingSessions.id, session.id));
    expect(row!.seatsTaken).toBe(row!.seats);
    const placed = await db().select().from(orders).where(eq(orders.sessionId, session.id));
    expect(placed).toHaveLength(1);
    expect(await db().select().from(leads).where(eq(leads.orderId, placed[0]!.id))).toHaveLength(1);
  });

  it("refuses more trainees than seats left, a session of another offer, and a training without session", async () => {
    const ctx = await ownerContext();
    const session = await sessionOf(offerCodes.deskTraining, (s) => s.place === "Marseille");
    const left = session.seats - (await seatsTaken(session.id));
    const tooMany = await modules.orders.submitOrder(ctx, offerCodes.deskTraining, input({ sessionId: session.id, trainees: left + 1 }));
    expect(tooMany).toMatchObject({ ok: false, message: `Il ne reste que ${left} places sur cette session : réduisez le nombre de stagiaires ou choisissez une autre session.` });
    const other = await sessionOf(offerCodes.phoneTraining, () => true);
    expect(await modules.orders.submitOrder(ctx, offerCodes.deskTraining, input({ sessionId: other.id }))).toMatchObject({ ok: false, field: "sessionId" });
    expect(await modules.orders.submitOrder(ctx, offerCodes.deskTraining, input({}))).toMatchObject({ ok: false, message: "Choisissez une session pour commander cette formation." });
    expect(await seatsTaken(session.id)).toBe(session.seats - left);
    expect(await db().select().from(orders).where(eq(orders.tenantId, ctx.tenant.id))).toHaveLength(0);
  });
});
