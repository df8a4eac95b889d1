import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { afterEach, describe, expect, it } from "vitest";
import { decodeStripeForm, startFakeStripe, type FakeStripe } from "./fake-stripe";

const SECRET = "whsec_fake_stripe_test_secret";

let fake: FakeStripe | undefined;
let receiver: Receiver | undefined;

afterEach(async () => {
  await fake?.close();
  await receiver?.close();
  fake = undefined;
  receiver = undefined;
});

function sdk(f: FakeStripe): Stripe {
  return new Stripe("sk_test_fake", { host: f.host, port: f.port, protocol: "http", maxNetworkRetries: 0 });
}

type Receiver = { url: string; events: Stripe.Event[]; rejections: string[]; close(): Promise<void> };

/** A tiny app endpoint that verifies signatures exactly as the portal does. */
async function startReceiver(secret: string): Promise<Receiver> {
  const verifier = new Stripe("sk_test_receiver");
  const events: Stripe.Event[] = [];
  const rejections: string[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks);
    try {
      const event = verifier.webhooks.constructEvent(rawBody, req.headers["stripe-signature"] ?? "", secret, 300);
      events.push(event);
      res.writeHead(200, { "Content-Type": "application/json" }).end('{"received":true}');
    } catch (error) {
      rejections.push(error instanceof Error ? error.message : String(error));
      res.writeHead(400).end("bad signature");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    events,
    rejections,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const sessionParams: Stripe.Checkout.SessionCreateParams = {
  mode: "payment",
  line_items: [
    { price_data: { currency: "eur", unit_amount: 12_000, product_data: { name: "Inscription — Baromètre 2027" } }, quantity: 2 },
    { price_data: { currency: "eur", unit_amount: 500, product_data: { name: "Frais" } }, quantity: 1 },
  ],
  metadata: { enrolmentId: "enr_42" },
  customer_email: "camille@example.test",
  client_reference_id: "enr_42",
  success_url: "https://portail.test/paiement/ok?session={CHECKOUT_SESSION_ID}",
  cancel_url: "https://portail.test/paiement/annule",
  payment_intent_data: { metadata: { enrolmentId: "enr_42" } },
};

describe("decodeStripeForm", () => {
  it("decodes Stripe's bracket encoding into nested objects and arrays", () => {
    const body = decodeStripeForm(
      "mode=payment&line_items[0][price_data][product_data][name]=Caf%C3%A9+cr%C3%A8me&line_items[0][quantity]=2" +
        "&line_items[2][quantity]=1&metadata[0]=zero&expand[]=a&expand[]=b&__proto__[x]=1&a%5Bb%5D=c",
    );
    expect(body).toEqual({
      mode: "payment",
      line_items: [{ price_data: { product_data: { name: "Café crème" } }, quantity: "2" }, { quantity: "1" }],
      metadata: { "0": "zero" },
      expand: ["a", "b"],
      a: { b: "c" },
    });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("fake Stripe API with the real SDK", () => {
  it("creates checkout sessions and honours Idempotency-Key", async () => {
    fake = await startFakeStripe({ webhookSecret: SECRET });
    const stripe = sdk(fake);

    const first = await stripe.checkout.sessions.create(sessionParams, { idempotencyKey: "checkout/enr_42" });
    const second = await stripe.checkout.sessions.create(sessionParams, { idempotencyKey: "checkout/enr_42" });

    expect(first.id).toMatch(/^cs_test_/);
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers["idempotent-replayed"]).toBe("true");
    expect([...fake.objects.values()].filter((o) => o.object === "checkout.session")).toHaveLength(1);
    expect(first).toMatchObject({
      object: "checkout.session",
      url: `${fake.url}/checkout/${first.id}`,
      status: "open",
      payment_status: "unpaid",
      amount_total: 24_500,
      currency: "eur",
      metadata: { enrolmentId: "enr_42" },
      client_reference_id: "enr_42",
      customer_email: "camille@example.test",
      payment_intent: null,
    });
    const [request] = fake.requests;
    expect(request?.headers["idempotency-key"]).toBe("checkout/enr_42");
    expect(request?.body.line_items[0]).toEqual({
      price_data: { currency: "eur", unit_amount: "12000", product_data: { name: "Inscription — Baromètre 2027" } },
      quantity: "2",
    });

    await expect(
      stripe.checkout.sessions.create({ ...sessionParams, client_reference_id: "other" }, { idempotencyKey: "checkout/enr_42" }),
    ).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);

    const third = await stripe.checkout.sessions.create(sessionParams);
    expect(third.id).not.toBe(first.id);

    const retrieved = await stripe.checkout.sessions.retrieve(first.id, { expand: ["line_items"] });
    expect(retrieved.line_items?.data.map((li) => [li.description, li.quantity, li.amount_total])).toEqual([
      ["Inscription — Baromètre 2027", 2, 24_000],
      ["Frais", 1, 500],
    ]);
    const page = await fetch(first.url ?? "");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Payer 245,00");
  });

  it("answers Stripe-shaped errors", async () => {
    fake = await startFakeStripe({ webhookSecret: SECRET });
    const stripe = sdk(fake);
    const missing = await stripe.invoices.retrieve("in_nope").catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 404, code: "resource_missing", message: "No such invoice: 'in_nope'" });

    const noLines = await stripe.checkout.sessions.create({ mode: "payment" }).catch((error: unknown) => error);
    expect(noLines).toMatchObject({ statusCode: 400, type: "StripeInvalidRequestError", code: "parameter_missing", param: "line_items" });

    const unauthenticated = await fetch(`${fake.url}/v1/customers/cus_x`);
    expect(unauthenticated.status).toBe(401);
    expect(await unauthenticated.json()).toMatchObject({ error: { type: "invalid_request_error" } });
  });

  it("builds, finalizes and serves a send_invoice invoice", async () => {
    fake = await startFakeStripe({ webhookSecret: SECRET });
    const stripe = sdk(fake);

    const customer = await stripe.customers.create({
      email: "compta@mairie.test",
      name: "Mairie de Test",
      metadata: { organisationId: "org_1" },
      address: { line1: "1 place de la Mairie", postal_code: "75001", city: "Paris", country: "FR" },
      tax_id_data: [{ type: "eu_vat", value: "FR40303265045" }],
    });
    expect(customer.id).toMatch(/^cus_/);
    const withTaxIds = await stripe.customers.retrieve(customer.id, { expand: ["tax_ids"] });
    expect(withTaxIds.deleted).toBeUndefined();
    expect(!withTaxIds.deleted && withTaxIds.tax_ids?.data[0]).toMatchObject({ type: "eu_vat", value: "FR40303265045" });

    const invoice = await stripe.invoices.create({
      customer: customer.id,
      collection_method: "send_invoice",
      days_until_due: 30,
      custom_fields: [
        { name: "Bon de commande", value: "BC-2027-17" },
        { name: "Service", value: "Direction des finances" },
      ],
      metadata: { enrolmentId: "enr_7" },
      description: "Inscription au Baromètre 2027",
      auto_advance: false,
    });
    expect(invoice).toMatchObject({ object: "invoice", status: "draft", hosted_invoice_url: null, amount_due: 0, number: null });
    expect(invoice.due_date).toBe(invoice.created + 30 * 86_400);

    const item = await stripe.invoiceItems.create({
      customer: customer.id,
      invoice: invoice.id,
      amount: 150_000,
      currency: "eur",
      description: "Inscription",
      metadata: { enrolmentId: "enr_7" },
    });
    expect(item).toMatchObject({ object: "invoiceitem", invoice: invoice.id, amount: 150_000 });
    await stripe.invoiceItems.create({
      customer: customer.id,
      invoice: invoice.id,
      unit_amount_decimal: Stripe.Decimal.from("2500"),
      quantity: 3,
      currency: "eur",
      description: "Exemplaires supplémentaires",
    });

    const finalized = await stripe.invoices.finalizeInvoice(invoice.id);
    expect(finalized).toMatchObject({
      status: "open",
      amount_due: 157_500,
      total: 157_500,
      amount_remaining: 157_500,
      currency: "eur",
      customer_email: "compta@mairie.test",
      custom_fields: [
        { name: "Bon de commande", value: "BC-2027-17" },
        { name: "Service", value: "Direction des finances" },
      ],
    });
    expect(finalized.number).toMatch(/^F-\d{4}-0001$/);
    expect(finalized.hosted_invoice_url).toBe(`${fake.url}/invoice/${invoice.id}`);
    expect(finalized.lines.data.map((line) => line.amount)).toEqual([150_000, 7_500]);

    const sent = await stripe.invoices.sendInvoice(invoice.id);
    expect(sent.status).toBe("open");

    const pdf = await fetch(finalized.invoice_pdf ?? "");
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await pdf.arrayBuffer()).toString("latin1")).toMatch(/^%PDF-1\.4[\s\S]*%%EOF\n$/);
    const hosted = await fetch(finalized.hosted_invoice_url ?? "");
    expect(await hosted.text()).toContain("Payer la facture");

    const paid = await stripe.invoices.pay(invoice.id, { paid_out_of_band: true });
    expect(paid).toMatchObject({ status: "paid", amount_paid: 157_500, amount_remaining: 0 });
  });

  it("includes pending invoice items on request", async () => {
    fake = await startFakeStripe({ webhookSecret: SECRET });
    const stripe = sdk(fake);
    const customer = await stripe.customers.create({ email: "a@example.test" });
    await stripe.invoiceItems.create({ customer: customer.id, amount: 1_000, currency: "eur" });
    await stripe.invoiceItems.create({ customer: customer.id, amount: 2_000, currency: "eur" });
    const excluded = await stripe.invoices.create({ customer: customer.id, collection_method: "send_invoice", days_until_due: 30 });
    expect(excluded.amount_due).toBe(0);
    const included = await stripe.invoices.create({
      customer: customer.id,
      collection_method: "send_invoice",
      days_until_due: 30,
      pending_invoice_items_behavior: "include",
    });
    expect(included.amount_due).toBe(3_000);
    expect((await stripe.invoices.finalizeInvoice(included.id)).amount_due).toBe(3_000);
  });

  it("delivers signed webhooks the SDK verifies", async () => {
    receiver = await startReceiver(SECRET);
    fake = await startFakeStripe({ webhookUrl: receiver.url, webhookSecret: SECRET });
    const stripe = sdk(fake);

    // finalize → invoice.finalized (after the API response)
    const customer = await stripe.customers.create({ email: "compta@mairie.test", name: "Mairie" });
    const invoice = await stripe.invoices.create({ customer: customer.id, collection_method: "send_invoice", days_until_due: 30 });
    await stripe.invoiceItems.create({ customer: customer.id, invoice: invoice.id, amount: 9_900, currency: "eur" });
    await stripe.invoices.finalizeInvoice(invoice.id, {}, { idempotencyKey: "finalize/1" });
    await fake.webhooksIdle();
    expect(receiver.events.map((e) => e.type)).toEqual(["invoice.finalized"]);
    const finalizedEvent = receiver.events[0];
    expect(finalizedEvent).toMatchObject({
      object: "event",
      livemode: false,
      api_version: Stripe.API_VERSION,
      request: { idempotency_key: "finalize/1" },
      data: { object: { id: invoice.id, status: "open", amount_due: 9_900 } },
    });
    expect(finalizedEvent?.id).toMatch(/^evt_/);

    // payInvoice → invoice.paid
    const paid = await fake.payInvoice(invoice.id);
    expect(paid.status).toBe(200);
    expect(paid.event.type).toBe("invoice.paid");
    expect(receiver.events.at(-1)).toMatchObject({ type: "invoice.paid", data: { object: { id: invoice.id, status: "paid", amount_paid: 9_900 } } });
    const withPayments = await stripe.invoices.retrieve(invoice.id, { expand: ["payments"] });
    expect(withPayments.payments?.data[0]?.payment.payment_intent).toBe(paid.paymentIntent.id);

    // completeCheckout → checkout.session.completed
    const session = await stripe.checkout.sessions.create(sessionParams);
    const completed = await fake.completeCheckout(session.id);
    expect(completed.status).toBe(200);
    const completedEvent = receiver.events.at(-1);
    expect(completedEvent?.type).toBe("checkout.session.completed");
    const completedSession = completedEvent?.data.object as Stripe.Checkout.Session;
    expect(completedSession).toMatchObject({
      id: session.id,
      status: "complete",
      payment_status: "paid",
      metadata: { enrolmentId: "enr_42" },
      client_reference_id: "enr_42",
    });
    expect(completedSession.payment_intent).toMatch(/^pi_/);
    const paymentIntent = await stripe.paymentIntents.retrieve(String(completedSession.payment_intent), { expand: ["latest_charge"] });
    expect(paymentIntent).toMatchObject({ status: "succeeded", amount: 24_500, metadata: { enrolmentId: "enr_42" } });
    expect((paymentIntent.latest_charge as Stripe.Charge).id).toMatch(/^ch_/);

    // refund → charge.refunded
    const refund = await stripe.refunds.create({ payment_intent: paymentIntent.id, amount: 4_500, metadata: { reason: "annulation" } });
    expect(refund).toMatchObject({ object: "refund", status: "succeeded", amount: 4_500, payment_intent: paymentIntent.id });
    expect(refund.id).toMatch(/^re_/);
    await fake.webhooksIdle();
    expect(receiver.events.at(-1)).toMatchObject({ type: "charge.refunded", data: { object: { amount_refunded: 4_500, refunded: false } } });
    const rest = await stripe.refunds.create({ charge: String(refund.charge) });
    expect(rest.amount).toBe(20_000);
    expect(await stripe.charges.retrieve(String(refund.charge))).toMatchObject({ refunded: true, amount_refunded: 24_500 });
    await expect(stripe.refunds.create({ charge: String(refund.charge) })).rejects.toMatchObject({ code: "charge_already_refunded" });

    // expire → checkout.session.expired
    const other = await stripe.checkout.sessions.create(sessionParams);
    const expired = await stripe.checkout.sessions.expire(other.id);
    expect(expired).toMatchObject({ status: "expired", url: null });

    await fake.webhooksIdle();
    expect(receiver.events.map((e) => e.type)).toEqual([
      "invoice.finalized",
      "invoice.paid",
      "checkout.session.completed",
      "charge.refunded",
      "charge.refunded",
      "checkout.session.expired",
    ]);
    expect(receiver.rejections).toEqual([]);
    expect(fake.deliveries.every((d) => d.status === 200)).toBe(true);
  });

  it("emits arbitrary events, and a wrong secret fails constructEvent", async () => {
    receiver = await startReceiver(SECRET);
    fake = await startFakeStripe({ webhookUrl: receiver.url, webhookSecret: "whsec_some_other_secret" });

    const result = await fake.emit("invoice.voided", { id: "in_123", object: "invoice", status: "void" }, { id: "evt_fixed", created: 1_800_000_000 });
    expect(result.status).toBe(400);
    expect(result.event).toMatchObject({ id: "evt_fixed", created: 1_800_000_000, type: "invoice.voided", data: { object: { id: "in_123" } } });
    expect(receiver.events).toEqual([]);
    expect(receiver.rejections[0]).toMatch(/No signatures found matching the expected signature/);

    const payload = JSON.stringify(result.event);
    const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: "whsec_some_other_secret" });
    const verifier = new Stripe("sk_test_receiver");
    expect(() => verifier.webhooks.constructEvent(payload, header, SECRET, 300)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(verifier.webhooks.constructEvent(payload, header, "whsec_some_other_secret", 300).id).toBe("evt_fixed");

    const good = await fake.emit("invoice.voided", { id: "in_123" }, { secret: SECRET });
    expect(good.status).toBe(200);
    const stale = await fake.emit("invoice.voided", { id: "in_123" }, { secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - 3_600 });
    expect(stale.status).toBe(400);
    expect(receiver.rejections.at(-1)).toMatch(/Timestamp outside the tolerance zone/);

    fake.setWebhookUrl(undefined);
    expect((await fake.emit("invoice.voided", { id: "in_123" })).status).toBeNull();
  });
});
