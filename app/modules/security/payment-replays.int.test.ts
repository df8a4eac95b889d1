import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { and, eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, emailOutbox, enrolmentTransitions, enrolments, invoices, offers, orders, payments, stripeEvents, trainingSessions } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { seedOfferCatalogue } from "../../../db/seed/offers";
import { addMember, makeTenant, makeUser, requestWithSession } from "../../../db/testing/factories";
import { startStripeHarness } from "../../../db/testing/stripe";
import { useTestDatabase } from "../../../db/testing/test-database";
import type { FakeStripe, FakeStripeEmitResult } from "../../../scripts/fake-stripe";
import { offerCodes } from "../offers/ladder";
import type { OrderInput } from "../offers/order-schema";
import type { TenantContext } from "../tenancy/guard.server";

/*
 * Payment replays: every Stripe event type the webhook handles, for both things we bill (an
 * enrolment in an edition, an order of a catalogue offer), delivered twice, 20 times at once (same
 * event, and same object under 20 event ids), out of order, with a signature older than the
 * tolerance and with a wrong secret. Real Stripe SDK against the local fake Stripe, whose signed
 * webhooks reach the real handler. Expected: at most one payment, one state change and one
 * e-mail per fact; nothing ever moves backwards; a refused signature writes nothing.
 *
 * The table of cases is keyed by event type and checked against the event types
 * webhooks.server.ts handles: a newly handled event without replay cases fails this file.
 */
const secret = "whsec_test_replays";
const SIGNATURE_TOLERANCE_SECONDS = 300;
const CONCURRENT_DELIVERIES = 20;

let fake: FakeStripe;
let harness: Awaited<ReturnType<typeof startStripeHarness>>;
let client: Stripe;
let modules: {
  billing: typeof import("../billing/billing.server");
  enrolment: typeof import("../enrolment/enrolment.server");
  orders: typeof import("../offers/orders.server");
  guard: typeof import("../tenancy/guard.server");
  session: typeof import("../auth/session.server");
};
/** A training session with room for every order of this file (each order takes one seat). */
let roomySessionId: string;
let casesChecked = 0;

useTestDatabase();

beforeAll(async () => {
  harness = await startStripeHarness(secret);
  fake = harness.fake;
  const { default: StripeSdk } = await import("stripe");
  client = new StripeSdk(`sk_test_${secret}`, { host: fake.host, port: fake.port, protocol: "http" });
  modules = {
    billing: await import("../billing/billing.server"),
    enrolment: await import("../enrolment/enrolment.server"),
    orders: await import("../offers/orders.server"),
    guard: await import("../tenancy/guard.server"),
    session: await import("../auth/session.server"),
  };
  await seedEditions(db());
  await seedOfferCatalogue(db());
  const [offer] = await db().select().from(offers).where(eq(offers.code, offerCodes.phoneTraining));
  const startsOn = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const [session] = await db()
    .insert(trainingSessions)
    .values({ offerId: offer!.id, startsOn, endsOn: startsOn, place: "Rennes", remote: false, seats: 1000, seatsTaken: 0 })
    .returning();
  roomySessionId = session!.id;
});

afterAll(async () => {
  console.info(`payment replays: ${casesChecked} replay cases checked`);
  await harness?.close();
});

// ---------------------------------------------------------------------------------------------
// The event types the handler acts on, read from its source (the `case "…":` of applyEvent).

function handledEventTypes(): string[] {
  const source = readFileSync(fileURLToPath(new URL("../billing/webhooks.server.ts", import.meta.url)), "utf8");
  const body = source.slice(source.indexOf("async function applyEvent"));
  return [...body.matchAll(/case "([a-z_.]+)":/g)].map((m) => m[1]!).sort();
}

// ---------------------------------------------------------------------------------------------
// Subjects: an enrolment or an order, paid by card or on invoice.

type Kind = "enrolment" | "order";
type PaymentPath = "card" | "invoice";
type Subject = { kind: Kind; path: PaymentPath; tenantId: string; id: string; ctx: TenantContext };
type StripeEvent = { id: string; type: string; data: { object: any } };

async function ownerContext(permission: "enrolment.manage" | "orders.manage"): Promise<TenantContext> {
  const tenant = await makeTenant({ name: "Ville de Lambersart", category: "commune_20000_49999" });
  const owner = await makeUser();
  await addMember(tenant.id, owner.id, "owner");
  const { token } = await modules.session.createSession(owner.id, { userAgent: null, ipAddress: null });
  return modules.guard.requireMembership(requestWithSession(token), tenant.slug, permission);
}

/** Runs `fn` with webhooks held back: the events it raises are built (fake.events) but not delivered. */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  fake.setWebhookUrl(null);
  try {
    const result = await fn();
    await fake.webhooksIdle();
    return result;
  } finally {
    fake.setWebhookUrl(harness.webhookUrl);
  }
}

/** A fresh subject waiting for its payment: a card checkout open, or an invoice issued (open). */
async function newSubject(kind: Kind, path: PaymentPath): Promise<Subject> {
  if (kind === "enrolment") {
    const ctx = await ownerContext("enrolment.manage");
    const outcome = await modules.enrolment.submitEnrolment(ctx, {
      onsiteVisit: false,
      paymentPath: path,
      billingContactName: "Service finances",
      billingContactEmail: "finances@lambersart.example",
      billingAddress: "1 place de la Mairie, 59130 Lambersart",
      engagementNumber: "EJ-2027-0042",
      termsVersion: "CGV-2027-01",
    });
    if (!outcome.ok) throw new Error(outcome.message);
    if (path === "card") expect((await modules.billing.startCardCheckout(ctx, outcome.enrolment, "Baromètre 2027")).ok).toBe(true);
    else await quietly(() => modules.billing.issueEnrolmentInvoice(ctx, outcome.enrolment, "Baromètre 2027"));
    return { kind, path, tenantId: ctx.tenant.id, id: outcome.enrolment.id, ctx };
  }
  const ctx = await ownerContext("orders.manage");
  const input = {
    intent: "order",
    trainees: 1,
    sites: 1,
    sessionId: roomySessionId,
    paymentPath: path,
    engagementNumber: path === "invoice" ? "EJ-2026-0099" : undefined,
    acceptTerms: "on",
    billingContactName: "Service finances",
    billingContactEmail: "finances@lambersart.example",
    billingAddress: "1 place de la Mairie, 59130 Lambersart",
  } as OrderInput;
  const outcome = await quietly(() => modules.orders.submitOrder(ctx, offerCodes.phoneTraining, input));
  if (!outcome.ok) throw new Error(outcome.message);
  return { kind, path, tenantId: ctx.tenant.id, id: outcome.order.id, ctx };
}

const subjectColumn = (s: Subject) => (s.kind === "enrolment" ? payments.enrolmentId : payments.orderId);

async function paymentOf(s: Subject) {
  const rows = await db().select().from(payments).where(eq(subjectColumn(s), s.id));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function invoiceOf(s: Subject) {
  const rows = await db()
    .select()
    .from(invoices)
    .where(eq(s.kind === "enrolment" ? invoices.enrolmentId : invoices.orderId, s.id));
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

async function statusOf(s: Subject): Promise<string> {
  if (s.kind === "enrolment") {
    const [row] = await db().select({ status: enrolments.status }).from(enrolments).where(eq(enrolments.id, s.id));
    return row!.status;
  }
  const [row] = await db().select({ status: orders.status }).from(orders).where(eq(orders.id, s.id));
  return row!.status;
}

async function emailsOf(s: Subject, key: string) {
  return db()
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.tenantId, s.tenantId), eq(emailOutbox.idempotencyKey, key)));
}

async function seatsTaken() {
  const [row] = await db().select({ taken: trainingSessions.seatsTaken }).from(trainingSessions).where(eq(trainingSessions.id, roomySessionId));
  return row!.taken;
}

/** Everything a payment event may touch for one subject, timestamps included. */
async function snapshot(s: Subject) {
  const subject =
    s.kind === "enrolment"
      ? (await db().select({ status: enrolments.status, paidAt: enrolments.paidAt, cancelledAt: enrolments.cancelledAt }).from(enrolments).where(eq(enrolments.id, s.id)))[0]
      : (await db().select({ status: orders.status, paidAt: orders.paidAt, cancelledAt: orders.cancelledAt, seatsReserved: orders.seatsReserved }).from(orders).where(eq(orders.id, s.id)))[0];
  const paymentRows = await db().select().from(payments).where(eq(payments.tenantId, s.tenantId)).orderBy(payments.id);
  const invoiceRows = await db().select().from(invoices).where(eq(invoices.tenantId, s.tenantId)).orderBy(invoices.id);
  const mails = await db().select({ key: emailOutbox.idempotencyKey }).from(emailOutbox).where(eq(emailOutbox.tenantId, s.tenantId));
  const [audits] = await db().select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.tenantId, s.tenantId));
  const [transitions] = await db().select({ n: sql<number>`count(*)::int` }).from(enrolmentTransitions).where(eq(enrolmentTransitions.tenantId, s.tenantId));
  return {
    subject,
    payments: paymentRows.map(({ createdAt: _created, ...rest }) => rest),
    invoices: invoiceRows.map(({ createdAt: _created, ...rest }) => rest),
    mails: mails.map((m) => m.key).sort(),
    audits: audits!.n,
    transitions: transitions!.n,
    seatsTaken: await seatsTaken(),
  };
}

/** Row counts of every table a webhook can write to. */
async function tableCounts() {
  const count = async (table: typeof payments | typeof invoices | typeof enrolments | typeof orders | typeof emailOutbox | typeof stripeEvents) =>
    (await db().select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n;
  return {
    payments: await count(payments),
    invoices: await count(invoices),
    enrolments: await count(enrolments),
    orders: await count(orders),
    emailOutbox: await count(emailOutbox),
    stripeEvents: await count(stripeEvents),
  };
}

// ---------------------------------------------------------------------------------------------
// Events: built by the fake Stripe from real API calls, held back, then delivered by the test.

function lastEvent(type: string, match: (object: any) => boolean): StripeEvent {
  const event = [...fake.events].reverse().find((e) => e.type === type && match(e.data.object));
  if (!event) throw new Error(`no ${type} event raised`);
  return event;
}

function deliver(event: StripeEvent, options: { timestamp?: number; secret?: string } = {}): Promise<FakeStripeEmitResult> {
  return fake.emit(event.type, event.data.object, { id: event.id, ...options });
}

/** The same object in a new event (another event id): what a second, later notification looks like. */
function redeliverAsNew(event: StripeEvent, object: any = event.data.object): Promise<FakeStripeEmitResult> {
  return fake.emit(event.type, object);
}

async function completeCheckout(s: Subject): Promise<StripeEvent> {
  const payment = await paymentOf(s);
  const { event } = await quietly(() => fake.completeCheckout(payment.stripeCheckoutSessionId!));
  return event;
}

async function expireCheckout(s: Subject): Promise<StripeEvent> {
  const payment = await paymentOf(s);
  await quietly(() => client.checkout.sessions.expire(payment.stripeCheckoutSessionId!));
  return lastEvent("checkout.session.expired", (o) => o.id === payment.stripeCheckoutSessionId);
}

async function finalizedEvent(s: Subject): Promise<StripeEvent> {
  const invoice = await invoiceOf(s);
  return lastEvent("invoice.finalized", (o) => o.id === invoice.stripeInvoiceId);
}

/**
 * issueInvoice mirrors the finalised invoice itself; put the database back as it was before, so
 * that invoice.finalized is what confirms the subject (as when that sync failed).
 */
async function rewindToDraft(s: Subject) {
  const invoice = await invoiceOf(s);
  await db().update(invoices).set({ status: "draft", finalizedAt: null }).where(eq(invoices.id, invoice.id));
  if (s.kind === "enrolment") await db().update(enrolments).set({ status: "awaiting_payment" }).where(eq(enrolments.id, s.id));
  else await db().update(orders).set({ status: "awaiting_payment" }).where(eq(orders.id, s.id));
  await db().delete(emailOutbox).where(eq(emailOutbox.idempotencyKey, `invoice-issued:${invoice.id}`));
}

async function payInvoice(s: Subject): Promise<StripeEvent> {
  const invoice = await invoiceOf(s);
  const { event } = await quietly(() => fake.payInvoice(invoice.stripeInvoiceId));
  return event;
}

async function voidInvoice(s: Subject): Promise<StripeEvent> {
  const invoice = await invoiceOf(s);
  await quietly(() => client.invoices.voidInvoice(invoice.stripeInvoiceId));
  return lastEvent("invoice.voided", (o) => o.id === invoice.stripeInvoiceId);
}

async function refundCharge(s: Subject): Promise<StripeEvent> {
  const payment = await paymentOf(s);
  const intent = payment.stripePaymentIntentId ?? fake.objects.get(payment.stripeCheckoutSessionId!)?.payment_intent;
  await quietly(() => client.refunds.create({ payment_intent: intent }));
  return lastEvent("charge.refunded", (o) => o.payment_intent === intent);
}

async function delivered(event: StripeEvent) {
  expect((await deliver(event)).status).toBe(200);
}

// ---------------------------------------------------------------------------------------------
// What one application of each event does (checked after the first delivery, or after the 20
// concurrent ones), given the snapshot taken before it.

type Before = Awaited<ReturnType<typeof snapshot>>;

const receiptKey = (s: Subject) => (s.kind === "enrolment" ? `payment-received:${s.id}` : `order-paid:${s.id}`);
const cancelledKey = (s: Subject) => (s.kind === "enrolment" ? `enrolment-cancelled:${s.id}` : `order-cancelled:${s.id}`);

async function expectPaid(s: Subject, before: Before) {
  expect(await statusOf(s)).toBe("paid");
  const rows = await db().select().from(payments).where(eq(subjectColumn(s), s.id));
  expect(rows.filter((p) => p.status === "paid")).toHaveLength(1);
  expect(await emailsOf(s, receiptKey(s))).toHaveLength(1);
  expect(await seatsTaken()).toBe(before.seatsTaken);
}

async function expectCancelledOrder(s: Subject, before: Before) {
  expect(await statusOf(s)).toBe("cancelled");
  expect(await emailsOf(s, cancelledKey(s))).toHaveLength(1);
  // The order's seat is released once, never twice.
  expect(await seatsTaken()).toBe(before.seatsTaken - 1);
}

type EventSpec = {
  path: PaymentPath;
  /** Brings a fresh subject to where the event can happen, and returns the held-back event. */
  produce(s: Subject): Promise<StripeEvent>;
  /** The state once the event has been applied once. */
  applied(s: Subject, before: Before): Promise<void>;
};

const specs: Record<string, EventSpec> = {
  "checkout.session.completed": {
    path: "card",
    produce: completeCheckout,
    async applied(s, before) {
      await expectPaid(s, before);
      expect((await paymentOf(s)).stripePaymentIntentId).toMatch(/^pi_/);
    },
  },
  "checkout.session.expired": {
    path: "card",
    produce: expireCheckout,
    async applied(s, before) {
      expect((await paymentOf(s)).status).toBe("expired");
      // An enrolment may pay again; an order's seats are held only while its checkout is open.
      if (s.kind === "enrolment") {
        expect(await statusOf(s)).toBe("awaiting_payment");
        expect(await emailsOf(s, cancelledKey(s))).toHaveLength(0);
      } else await expectCancelledOrder(s, before);
    },
  },
  "invoice.finalized": {
    path: "invoice",
    async produce(s) {
      const event = await finalizedEvent(s);
      await rewindToDraft(s);
      return event;
    },
    async applied(s, before) {
      const invoice = await invoiceOf(s);
      expect(invoice).toMatchObject({ status: "open", number: expect.stringMatching(/^F-\d{4}-\d{4}$/) });
      expect(await statusOf(s)).toBe("confirmed");
      expect(await emailsOf(s, `invoice-issued:${invoice.id}`)).toHaveLength(1);
      expect(await seatsTaken()).toBe(before.seatsTaken);
    },
  },
  "invoice.paid": {
    path: "invoice",
    produce: payInvoice,
    async applied(s, before) {
      expect((await invoiceOf(s)).status).toBe("paid");
      await expectPaid(s, before);
    },
  },
  "invoice.voided": {
    path: "invoice",
    produce: voidInvoice,
    async applied(s, before) {
      expect((await invoiceOf(s)).status).toBe("void");
      expect((await paymentOf(s)).status).toBe("void");
      // Voiding an enrolment's invoice is staff's cancellation's doing, which moves it; an order is cancelled here.
      if (s.kind === "enrolment") expect(await statusOf(s)).toBe("confirmed");
      else await expectCancelledOrder(s, before);
    },
  },
  "charge.refunded": {
    path: "card",
    async produce(s) {
      await delivered(await completeCheckout(s));
      return refundCharge(s);
    },
    async applied(s, before) {
      const payment = await paymentOf(s);
      expect(payment).toMatchObject({ status: "refunded", refundedCents: payment.amountCents });
      if (s.kind === "enrolment") {
        expect(await statusOf(s)).toBe("refunded");
        expect(await emailsOf(s, cancelledKey(s))).toHaveLength(1);
      } else await expectCancelledOrder(s, before);
    },
  },
};

// ---------------------------------------------------------------------------------------------
// The cases.

type ReplayCase = { name: string; kind: Kind; run(): Promise<void> };

function genericCases(type: string): ReplayCase[] {
  const spec = specs[type];
  if (!spec) return [];
  const kinds: Kind[] = ["enrolment", "order"];
  return kinds.flatMap((kind): ReplayCase[] => [
    {
      name: "delivered twice: applied once",
      kind,
      async run() {
        const s = await newSubject(kind, spec.path);
        const event = await spec.produce(s);
        const before = await snapshot(s);
        await delivered(event);
        await spec.applied(s, before);
        const once = await snapshot(s);
        const again = await deliver(event);
        expect(again.status).toBe(200);
        expect(await snapshot(s)).toEqual(once);
        expect(await db().select().from(stripeEvents).where(eq(stripeEvents.id, event.id))).toHaveLength(1);
      },
    },
    {
      name: `${CONCURRENT_DELIVERIES} concurrent deliveries of the same event: applied once`,
      kind,
      async run() {
        const s = await newSubject(kind, spec.path);
        const event = await spec.produce(s);
        const before = await snapshot(s);
        const results = await Promise.all(Array.from({ length: CONCURRENT_DELIVERIES }, () => deliver(event)));
        expect(results.map((r) => r.status)).toEqual(Array(CONCURRENT_DELIVERIES).fill(200));
        await spec.applied(s, before);
        expect(await db().select().from(stripeEvents).where(eq(stripeEvents.id, event.id))).toHaveLength(1);
        const settled = await snapshot(s);
        await delivered(event);
        expect(await snapshot(s)).toEqual(settled);
      },
    },
    {
      name: `the same object under ${CONCURRENT_DELIVERIES} event ids at once: applied once`,
      kind,
      async run() {
        const s = await newSubject(kind, spec.path);
        const event = await spec.produce(s);
        const before = await snapshot(s);
        const results = await Promise.all(Array.from({ length: CONCURRENT_DELIVERIES }, () => redeliverAsNew(event)));
        expect(results.map((r) => r.status)).toEqual(Array(CONCURRENT_DELIVERIES).fill(200));
        await spec.applied(s, before);
        const settled = await snapshot(s);
        await delivered(event);
        expect(await snapshot(s)).toEqual(settled);
      },
    },
    ...(
      [
        ["a signature older than the tolerance", { timestamp: Math.floor(Date.now() / 1000) - SIGNATURE_TOLERANCE_SECONDS - 60 }],
        ["a signature made with a wrong secret", { secret: "whsec_not_ours" }],
      ] as const
    ).map(
      ([what, options]): ReplayCase => ({
        name: `${what}: refused with 400, nothing written`,
        kind,
        async run() {
          const s = await newSubject(kind, spec.path);
          const event = await spec.produce(s);
          const before = await snapshot(s);
          const counts = await tableCounts();
          const refused = await deliver(event, options);
          expect(refused.status).toBe(400);
          const refusedAgain = await deliver(event, options);
          expect(refusedAgain.status).toBe(400);
          expect(await tableCounts()).toEqual(counts);
          expect(await snapshot(s)).toEqual(before);
          // The same event, correctly signed, is then applied: the refusal was the signature's doing.
          await delivered(event);
          await spec.applied(s, before);
        },
      }),
    ),
  ]);
}

/** Out-of-order deliveries, per event type: the late or early event never moves a subject backwards. */
const outOfOrder: Record<string, { name: string; run(kind: Kind): Promise<void> }[]> = {
  "checkout.session.completed": [
    {
      name: "completed notified again after the refund: stays refunded",
      async run(kind) {
        const s = await newSubject(kind, "card");
        const completed = await completeCheckout(s);
        await delivered(completed);
        await delivered(await refundCharge(s));
        const refunded = await snapshot(s);
        expect((await redeliverAsNew(completed)).status).toBe(200);
        expect(await snapshot(s)).toEqual(refunded);
        expect(refunded.subject?.status).toBe(kind === "enrolment" ? "refunded" : "cancelled");
      },
    },
  ],
  "checkout.session.expired": [
    {
      name: "expired after completed: stays paid, seats kept",
      async run(kind) {
        const s = await newSubject(kind, "card");
        const completed = await completeCheckout(s);
        await delivered(completed);
        const paid = await snapshot(s);
        const session = { ...completed.data.object, status: "expired", payment_status: "unpaid", url: null };
        expect((await fake.emit("checkout.session.expired", session)).status).toBe(200);
        expect(await snapshot(s)).toEqual(paid);
        expect(paid.subject?.status).toBe("paid");
        expect(await emailsOf(s, cancelledKey(s))).toHaveLength(0);
      },
    },
  ],
  "invoice.finalized": [
    {
      name: "finalized after paid: stays paid",
      async run(kind) {
        const s = await newSubject(kind, "invoice");
        const finalized = await finalizedEvent(s);
        const paid = await payInvoice(s);
        await rewindToDraft(s);
        await delivered(paid);
        const afterPaid = await snapshot(s);
        expect(afterPaid.subject?.status).toBe("paid");
        await delivered(finalized);
        const final = await snapshot(s);
        expect(final.subject).toEqual(afterPaid.subject);
        expect(final.payments).toEqual(afterPaid.payments);
        expect(final.invoices.map((i) => i.status)).toEqual(["paid"]);
        expect(final.mails.filter((k) => k === receiptKey(s))).toHaveLength(1);
      },
    },
  ],
  "invoice.paid": [
    {
      name: "paid before finalized: ends paid, one receipt",
      async run(kind) {
        const s = await newSubject(kind, "invoice");
        const finalized = await finalizedEvent(s);
        const paid = await payInvoice(s);
        await rewindToDraft(s);
        const before = await snapshot(s);
        await delivered(paid);
        await delivered(finalized);
        await delivered(paid);
        expect((await invoiceOf(s)).status).toBe("paid");
        await expectPaid(s, before);
      },
    },
  ],
  "invoice.voided": [
    {
      name: "voided after paid: stays paid",
      async run(kind) {
        const s = await newSubject(kind, "invoice");
        await delivered(await payInvoice(s));
        const paid = await snapshot(s);
        const stripeInvoice = { ...fake.objects.get((await invoiceOf(s)).stripeInvoiceId), status: "void" };
        expect((await fake.emit("invoice.voided", stripeInvoice)).status).toBe(200);
        expect(await snapshot(s)).toEqual(paid);
        expect(paid.subject?.status).toBe("paid");
        expect(paid.invoices.map((i) => i.status)).toEqual(["paid"]);
      },
    },
  ],
  "charge.refunded": [
    {
      name: "refunded before completed: retried by Stripe, ends refunded",
      async run(kind) {
        const s = await newSubject(kind, "card");
        const completed = await completeCheckout(s);
        const refunded = await refundCharge(s);
        const before = await snapshot(s);
        const counts = await tableCounts();
        // Too early: the payment is ours but not yet known as paid; a 5xx makes Stripe retry.
        const early = await deliver(refunded);
        expect(early.status).toBeGreaterThanOrEqual(500);
        expect(await tableCounts()).toEqual(counts);
        expect(await snapshot(s)).toEqual(before);
        await delivered(completed);
        await delivered(refunded);
        await specs["charge.refunded"]!.applied(s, before);
        await delivered(completed);
        expect(await statusOf(s)).toBe(kind === "enrolment" ? "refunded" : "cancelled");
      },
    },
  ],
};

const replayCases: Record<string, ReplayCase[]> = Object.fromEntries(
  Object.keys(specs).map((type) => [
    type,
    [
      ...genericCases(type),
      ...(outOfOrder[type] ?? []).flatMap(({ name, run }) => (["enrolment", "order"] as const).map((kind) => ({ name: `out of order, ${name}`, kind, run: () => run(kind) }))),
    ],
  ]),
);

describe("payment replays", () => {
  it("has replay cases for every Stripe event type the webhook handles, for enrolments and orders", () => {
    const handled = handledEventTypes();
    expect(handled.length).toBeGreaterThan(0);
    expect(Object.keys(replayCases).sort()).toEqual(handled);
    for (const [type, cases] of Object.entries(replayCases)) {
      for (const kind of ["enrolment", "order"] as const) {
        const names = cases.filter((c) => c.kind === kind).map((c) => c.name);
        expect(names, `${type} (${kind})`).toEqual(
          expect.arrayContaining([
            "delivered twice: applied once",
            `${CONCURRENT_DELIVERIES} concurrent deliveries of the same event: applied once`,
            expect.stringMatching(/^out of order, /),
            expect.stringMatching(/older than the tolerance/),
            expect.stringMatching(/wrong secret/),
          ]),
        );
      }
    }
  });

  for (const [type, cases] of Object.entries(replayCases)) {
    describe(type, () => {
      for (const replay of cases) {
        it(`${replay.kind}: ${replay.name}`, async () => {
          await replay.run();
          casesChecked++;
        });
      }
    });
  }
});
