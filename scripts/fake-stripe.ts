/**
 * Local stand-in for the Stripe API (https://api.stripe.com), good enough for
 * the real `stripe` SDK: point it here with
 * `new Stripe(key, { host: "127.0.0.1", port: fake.port, protocol: "http" })`
 * (the app reads STRIPE_API_HOST / STRIPE_API_PORT / STRIPE_API_PROTOCOL).
 *
 * Requests are form-encoded as the SDK sends them (`a[b][0][c]=…`); responses
 * are JSON objects with Stripe's shapes (API version `Stripe.API_VERSION`), and
 * errors are `{ error: { type, message, code?, param? } }` with a 4xx status.
 * Every POST honours `Idempotency-Key` (the SDK sends one on every POST): same
 * key + same params replays the first response (`Idempotent-Replayed: true`)
 * without side effects; same key + other params is a 400 `idempotency_error`.
 *
 * Endpoints (and the events they deliver to the webhook URL, if one is set):
 *   POST /v1/checkout/sessions                 mode=payment, price_data line items
 *   GET  /v1/checkout/sessions/:id             (expand[]=line_items|payment_intent…)
 *   GET  /v1/checkout/sessions/:id/line_items
 *   POST /v1/checkout/sessions/:id/expire      → checkout.session.expired
 *   POST /v1/customers, GET|POST /v1/customers/:id   (expand[]=tax_ids)
 *   POST /v1/invoiceitems, GET /v1/invoiceitems/:id
 *   POST /v1/invoices, GET /v1/invoices/:id (expand[]=payments), GET /v1/invoices/:id/lines
 *   POST /v1/invoices/:id/finalize             → invoice.finalized (+ invoice.paid if amount_due is 0)
 *   POST /v1/invoices/:id/send                 → invoice.sent
 *   POST /v1/invoices/:id/void                 → invoice.voided
 *   POST /v1/invoices/:id/pay                  → invoice.paid (a draft is finalized first: invoice.finalized)
 *   POST /v1/refunds, GET /v1/refunds/:id      → charge.refunded
 *   GET  /v1/payment_intents/:id, GET /v1/charges/:id, GET /v1/events/:id
 * Nothing else emits (no *.created, payment_intent.succeeded, invoice.payment_succeeded…).
 * Endpoint-triggered events are delivered after the HTTP response, one at a
 * time in order; `await fake.webhooksIdle()` waits for them.
 *
 * Test helpers (deliver their events before resolving):
 *   completeCheckout(id) → checkout.session.completed (creates a succeeded payment_intent + charge)
 *   payInvoice(id)       → invoice.paid by card (payment_intent + charge; a draft is finalized first)
 *   emit(type, object)   → any event, signed with `Stripe.webhooks.generateTestHeaderString`
 *
 * Browser pages: `session.url` (GET /checkout/:id, "Payer" → completeCheckout →
 * 303 to success_url), `hosted_invoice_url` (GET /invoice/:id, "Payer la
 * facture" → payInvoice) and `invoice_pdf` (GET /invoice/:id/pdf, a tiny PDF).
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";

export type FakeStripeRequest = {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Form-decoded body (`a[b][0]=x` → `{ a: { b: ["x"] } }`), `{}` when empty. */
  body: any;
  /** Form-decoded query string (GET parameters such as `expand[0]`). */
  query: any;
};

export type FakeStripeEmitOptions = {
  /** Event id (default: a fresh `evt_…`); reuse one to simulate a redelivery. */
  id?: string;
  /** Event `created` (Unix seconds, default: now). */
  created?: number;
  /** Signature timestamp (Unix seconds, default: now), e.g. an old one to test the tolerance. */
  timestamp?: number;
  /** Sign with this secret instead of the configured one (to test rejection). */
  secret?: string;
};

export type FakeStripeEmitResult = {
  event: any;
  /** HTTP status answered by the app, `null` when no webhook URL is set or delivery failed. */
  status: number | null;
  /** Network error message when the delivery failed. */
  error?: string;
};

export type FakeStripeDelivery = {
  eventId: string;
  type: string;
  url: string;
  status: number | null;
  error?: string;
  responseBody?: string;
};

export type FakeStripe = {
  host: "127.0.0.1";
  port: number;
  /** Base URL without trailing slash, e.g. "http://127.0.0.1:54321". */
  url: string;
  /** Every request received, in order (including rejected ones and page views). */
  requests: FakeStripeRequest[];
  /** Every Stripe object by id (cus_, in_, ii_, cs_test_, pi_, ch_, re_, txi_, evt_…), live and mutable. */
  objects: Map<string, any>;
  /** Every event built, in order (delivered or not). */
  events: any[];
  /** Every webhook delivery attempt, in order. */
  deliveries: FakeStripeDelivery[];
  setWebhookUrl(url: string | null | undefined): void;
  emit(type: string, object: any, opts?: FakeStripeEmitOptions): Promise<FakeStripeEmitResult>;
  /** Resolves once every queued webhook delivery has been attempted. */
  webhooksIdle(): Promise<void>;
  /** The customer pays the invoice by card: status "paid", emits invoice.paid. */
  payInvoice(id: string): Promise<FakeStripeEmitResult & { invoice: any; paymentIntent: any; charge: any }>;
  /** The customer pays the session: status "complete", emits checkout.session.completed. */
  completeCheckout(id: string): Promise<FakeStripeEmitResult & { session: any; paymentIntent: any; charge: any }>;
  close(): Promise<void>;
};

// ---------------------------------------------------------------------------
// Errors, ids, form decoding

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly code?: string,
    readonly param?: string,
  ) {
    super(message);
  }

  toJSON(): { error: Record<string, string> } {
    const error: Record<string, string> = { type: this.type, message: this.message };
    if (this.code) {
      error.code = this.code;
      error.doc_url = `https://stripe.com/docs/error-codes/${this.code.replace(/_/g, "-")}`;
    }
    if (this.param) error.param = this.param;
    return { error };
  }
}

const invalid = (message: string, param?: string, code?: string) =>
  new StripeApiError(400, "invalid_request_error", message, code, param);
const missingParam = (param: string) => invalid(`Missing required param: ${param}.`, param, "parameter_missing");
const noSuch = (kind: string, id: string, param: string) =>
  new StripeApiError(404, "invalid_request_error", `No such ${kind}: '${id}'`, "resource_missing", param);

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function randomToken(length: number, alphabet = ALPHABET): string {
  let out = "";
  for (const byte of randomBytes(length)) out += alphabet.charAt(byte % alphabet.length);
  return out;
}

function newId(prefix: string, length = 24): string {
  return `${prefix}_${randomToken(length)}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function decodeComponent(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}

/** Objects whose keys are all integers become arrays (ordered by index), except metadata. */
function arrayify(value: any, key: string): any {
  if (typeof value !== "object" || value === null) return value;
  const keys = Object.keys(value);
  for (const k of keys) value[k] = arrayify(value[k], k);
  if (key !== "metadata" && keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => value[String(k)]);
  }
  return value;
}

/** Decodes Stripe's form encoding (`a[b][0][c]=v`, `a[]=v`) into nested objects and arrays. */
export function decodeStripeForm(raw: string): Record<string, any> {
  const root: Record<string, any> = {};
  for (const pair of raw.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const key = decodeComponent(eq === -1 ? pair : pair.slice(0, eq));
    const value = decodeComponent(eq === -1 ? "" : pair.slice(eq + 1));
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    const segments = match ? [match[1] ?? key, ...[...(match[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? "")] : [key];
    if (segments.some((s) => FORBIDDEN_KEYS.has(s))) continue;
    let node: Record<string, any> = root;
    segments.forEach((segment, index) => {
      const name = segment === "" ? String(Object.keys(node).length) : segment;
      if (index === segments.length - 1) {
        node[name] = value;
      } else {
        if (typeof node[name] !== "object" || node[name] === null || !Object.hasOwn(node, name)) node[name] = {};
        node = node[name];
      }
    });
  }
  for (const key of Object.keys(root)) root[key] = arrayify(root[key], key);
  return root;
}

function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Typed access to form params, with Stripe-style validation errors naming the full param path. */
class Params {
  constructor(
    readonly raw: Record<string, any>,
    readonly prefix = "",
  ) {}

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key;
  }

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  str(key: string): string | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw invalid(`Invalid string: ${JSON.stringify(value)}`, this.name(key));
    return value;
  }

  reqStr(key: string): string {
    const value = this.str(key);
    if (value === undefined || value === "") throw missingParam(this.name(key));
    return value;
  }

  /** Emptyable string: `""` means null. */
  nullableStr(key: string): string | null | undefined {
    const value = this.str(key);
    return value === "" ? null : value;
  }

  int(key: string): number | undefined {
    const value = this.str(key);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) throw invalid(`Invalid integer: ${value}`, this.name(key), "parameter_invalid_integer");
    return Number(value);
  }

  reqInt(key: string): number {
    const value = this.int(key);
    if (value === undefined) throw missingParam(this.name(key));
    return value;
  }

  decimal(key: string): number | undefined {
    const value = this.str(key);
    if (value === undefined) return undefined;
    if (!/^-?\d+(\.\d+)?$/.test(value)) throw invalid(`Invalid decimal: ${value}`, this.name(key));
    return Number(value);
  }

  bool(key: string): boolean | undefined {
    const value = this.str(key);
    if (value === undefined) return undefined;
    if (value === "true") return true;
    if (value === "false") return false;
    throw invalid(`Invalid boolean: ${value}`, this.name(key));
  }

  currency(key: string): string | undefined {
    const value = this.str(key)?.toLowerCase();
    if (value === undefined) return undefined;
    if (!/^[a-z]{3}$/.test(value)) throw invalid(`Invalid currency: ${value}`, this.name(key));
    return value;
  }

  url(key: string): string | undefined {
    const value = this.str(key);
    if (value === undefined) return undefined;
    try {
      const parsed = new URL(value);
      if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("protocol");
    } catch {
      throw invalid("Not a valid URL", this.name(key), "url_invalid");
    }
    return value;
  }

  obj(key: string): Params | undefined {
    const value = this.raw[key];
    if (value === undefined || value === "") return undefined;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw invalid(`Invalid object`, this.name(key));
    }
    return new Params(value, this.name(key));
  }

  reqObj(key: string): Params {
    const value = this.obj(key);
    if (!value) throw missingParam(this.name(key));
    return value;
  }

  /** Array of objects; `""` (Emptyable) means null. */
  list(key: string): Params[] | null | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (value === "") return null;
    if (!Array.isArray(value)) throw invalid(`Invalid array`, this.name(key));
    return value.map((item, index) => {
      const name = `${this.name(key)}[${index}]`;
      if (typeof item !== "object" || item === null || Array.isArray(item)) throw invalid(`Invalid object`, name);
      return new Params(item, name);
    });
  }

  strList(key: string): string[] | undefined {
    const value = this.raw[key];
    if (value === undefined || value === "") return value === "" ? [] : undefined;
    const items: unknown[] = Array.isArray(value) ? value : [value];
    return items.map((item, index) => {
      if (typeof item !== "string") throw invalid(`Invalid string: ${JSON.stringify(item)}`, `${this.name(key)}[${index}]`);
      return item;
    });
  }

  /** Metadata: at most 50 keys of 40 chars, values of 500 chars; `""` clears, empty values unset a key. */
  metadata(key = "metadata", base: Record<string, string> = {}): Record<string, string> | undefined {
    const value = this.raw[key];
    if (value === undefined) return undefined;
    if (value === "") return {};
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw invalid("Invalid hash", this.name(key));
    const result: Record<string, string> = { ...base };
    for (const [k, v] of Object.entries(value)) {
      if (typeof v !== "string") throw invalid(`Invalid value type: ${JSON.stringify(v)} must be a string`, `${this.name(key)}[${k}]`);
      if (k.length > 40) throw invalid(`Metadata keys can have up to 40 characters; "${k}" has ${k.length}.`, `${this.name(key)}[${k}]`);
      if (v.length > 500) throw invalid(`Metadata values can have up to 500 characters, but you passed in a value that is ${v.length} characters.`, `${this.name(key)}[${k}]`);
      if (v === "") delete result[k];
      else result[k] = v;
    }
    if (Object.keys(result).length > 50) throw invalid("You can have up to 50 metadata keys.", this.name(key));
    return result;
  }
}

// ---------------------------------------------------------------------------
// HTTP helpers

function sendJson(res: ServerResponse, status: number, payload: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(payload),
    "Stripe-Version": Stripe.API_VERSION,
    ...headers,
  });
  res.end(payload);
}

function sendHtml(res: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — démonstration</title>
<style>body{font-family:system-ui,sans-serif;margin:0;color:#161616}header{background:#b34000;color:#fff;padding:.75rem 1rem;font-weight:700}main{max-width:40rem;margin:1.5rem auto;padding:0 1rem}button{background:#000091;color:#fff;border:0;padding:.75rem 1.25rem;font-size:1rem;cursor:pointer}button:focus-visible{outline:3px solid #0a76f6;outline-offset:2px}</style></head>
<body><header role="banner">Prestataire de paiement de démonstration — aucun débit réel</header><main>
<h1>${escapeHtml(title)}</h1>
${body}
</main></body>
</html>`;
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Content-Length": Buffer.byteLength(html) });
  res.end(html);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { Location: location, "Content-Length": 0 });
  res.end();
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function formatAmount(amount: number, currency: string): string {
  try {
    const format = new Intl.NumberFormat("fr-FR", { style: "currency", currency: currency.toUpperCase() });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(amount / 10 ** digits);
  } catch {
    return `${amount} ${currency}`;
  }
}

/** A minimal, valid one-page PDF showing a few ASCII lines of text. */
function tinyPdf(lines: string[]): Buffer {
  const ascii = (s: string) =>
    s
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^\x20-\x7e]/g, "?")
      .replace(/[\\()]/g, "\\$&");
  const stream = `BT /F1 12 Tf 18 TL 56 790 Td ${lines.map((l) => `(${ascii(l)}) '`).join(" ")} ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`,
  ];
  let pdf = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, "0")} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, "latin1");
}

const emptyList = (url: string, data: any[] = []) => ({ object: "list", data, has_more: false, total_count: data.length, url });

// ---------------------------------------------------------------------------
// The fake

type Emitted = { type: string; object: any };
type Emit = (type: string, object: any) => void;
type RequestInfo = { id: string | null; idempotency_key: string | null };

export async function startFakeStripe(opts: { webhookUrl?: string; webhookSecret: string }): Promise<FakeStripe> {
  const requests: FakeStripeRequest[] = [];
  const objects = new Map<string, any>();
  const events: any[] = [];
  const deliveries: FakeStripeDelivery[] = [];
  let webhookUrl: string | undefined = opts.webhookUrl || undefined;
  let baseUrl = "";
  let invoiceSequence = 0;

  // Data Stripe keeps but does not put on the object by default.
  const sessionLineItems = new Map<string, any[]>();
  const sessionPaymentIntentData = new Map<string, { metadata: Record<string, string>; description: string | null; receipt_email: string | null }>();
  const invoicePayments = new Map<string, any[]>();
  const customerTaxIds = new Map<string, string[]>();
  const lineIdByInvoiceItem = new Map<string, string>();
  const idempotency = new Map<string, { method: string; path: string; params: string; status: number; payload: string }>();

  // -- events & webhook delivery ------------------------------------------------

  let deliveryChain: Promise<unknown> = Promise.resolve();

  function buildEvent(type: string, object: any, o: { id?: string; created?: number; request?: RequestInfo } = {}): any {
    const event = {
      id: o.id ?? newId("evt"),
      object: "event",
      api_version: Stripe.API_VERSION,
      created: o.created ?? nowSeconds(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: webhookUrl ? 1 : 0,
      request: o.request ?? { id: null, idempotency_key: null },
      type,
    };
    objects.set(event.id, event);
    events.push(event);
    return event;
  }

  async function post(event: any, url: string | undefined, o: { timestamp?: number; secret?: string }): Promise<FakeStripeEmitResult> {
    if (!url) return { event, status: null };
    const payload = JSON.stringify(event, null, 2);
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: o.secret ?? opts.webhookSecret,
      timestamp: o.timestamp ?? nowSeconds(),
    });
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "Stripe-Signature": signature,
          "User-Agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks)",
        },
        body: payload,
        redirect: "manual",
        signal: AbortSignal.timeout(30_000),
      });
      const responseBody = await response.text();
      deliveries.push({ eventId: event.id, type: event.type, url, status: response.status, responseBody });
      return { event, status: response.status };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deliveries.push({ eventId: event.id, type: event.type, url, status: null, error: message });
      return { event, status: null, error: message };
    }
  }

  /** Queues one delivery after the previous ones (events reach the app in order). */
  function deliver(event: any, o: { timestamp?: number; secret?: string } = {}): Promise<FakeStripeEmitResult> {
    const url = webhookUrl;
    const run = () => post(event, url, o);
    const result = deliveryChain.then(run, run);
    deliveryChain = result.catch(() => undefined);
    return result;
  }

  async function deliverAll(emitted: Emitted[], request?: RequestInfo): Promise<FakeStripeEmitResult[]> {
    const results = emitted.map(({ type, object }) => deliver(buildEvent(type, object, { request })));
    return Promise.all(results);
  }

  /** Collects events raised while mutating state; snapshots the object immediately. */
  function collector(): { emit: Emit; emitted: Emitted[] } {
    const emitted: Emitted[] = [];
    return { emitted, emit: (type, object) => emitted.push({ type, object: structuredClone(object) }) };
  }

  // -- lookups ----------------------------------------------------------------------

  function get(kind: string, id: string, param = "id"): any {
    const object = objects.get(id);
    if (!object || object.object !== kind) throw noSuch(kind, id, param);
    return object;
  }

  // -- payments ---------------------------------------------------------------------

  function createCardPayment(o: {
    amount: number;
    currency: string;
    customer: string | null;
    description: string | null;
    metadata: Record<string, string>;
    receiptEmail: string | null;
    billingEmail: string | null;
    billingName: string | null;
  }): { paymentIntent: any; charge: any } {
    const created = nowSeconds();
    const paymentIntentId = newId("pi");
    const paymentMethod = newId("pm");
    const charge = {
      id: newId("ch"),
      object: "charge",
      amount: o.amount,
      amount_captured: o.amount,
      amount_refunded: 0,
      application: null,
      application_fee: null,
      application_fee_amount: null,
      balance_transaction: newId("txn"),
      billing_details: { address: null, email: o.billingEmail, name: o.billingName, phone: null, tax_id: null },
      calculated_statement_descriptor: "FAKE STRIPE",
      captured: true,
      created,
      currency: o.currency,
      customer: o.customer,
      description: o.description,
      disputed: false,
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      fraud_details: {},
      livemode: false,
      metadata: { ...o.metadata },
      on_behalf_of: null,
      outcome: {
        advice_code: null,
        network_advice_code: null,
        network_decline_code: null,
        network_status: "approved_by_network",
        reason: null,
        risk_level: "normal",
        risk_score: 20,
        seller_message: "Payment complete.",
        type: "authorized",
      },
      paid: true,
      payment_intent: paymentIntentId,
      payment_method: paymentMethod,
      payment_method_details: {
        type: "card",
        card: { brand: "visa", country: "FR", exp_month: 12, exp_year: new Date().getUTCFullYear() + 3, funding: "credit", last4: "4242" },
      },
      receipt_email: o.receiptEmail,
      receipt_number: null,
      receipt_url: null,
      refunded: false,
      review: null,
      shipping: null,
      source: null,
      source_transfer: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: "succeeded",
      transfer_data: null,
      transfer_group: null,
    };
    const paymentIntent = {
      id: paymentIntentId,
      object: "payment_intent",
      allowed_payment_method_types: null,
      amount: o.amount,
      amount_capturable: 0,
      amount_received: o.amount,
      application: null,
      application_fee_amount: null,
      automatic_payment_methods: null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: "automatic_async",
      client_secret: `${paymentIntentId}_secret_${randomToken(24)}`,
      confirmation_method: "automatic",
      created,
      currency: o.currency,
      customer: o.customer,
      customer_account: null,
      description: o.description,
      excluded_payment_method_types: null,
      last_payment_error: null,
      latest_charge: charge.id,
      livemode: false,
      managed_payments: null,
      metadata: { ...o.metadata },
      next_action: null,
      on_behalf_of: null,
      payment_method: paymentMethod,
      payment_method_configuration_details: null,
      payment_method_options: {},
      payment_method_types: ["card"],
      payment_record: null,
      processing: null,
      receipt_email: o.receiptEmail,
      review: null,
      setup_future_usage: null,
      shipping: null,
      source: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: "succeeded",
      transfer_data: null,
      transfer_group: null,
    };
    objects.set(charge.id, charge);
    objects.set(paymentIntent.id, paymentIntent);
    return { paymentIntent, charge };
  }

  // -- checkout sessions ---------------------------------------------------------

  function createCheckoutSession(p: Params): any {
    const mode = p.str("mode") ?? "payment";
    if (mode !== "payment") throw invalid(`The fake Stripe server only implements mode=payment (got "${mode}").`, "mode");
    if (p.has("customer") && p.has("customer_email")) {
      throw invalid("You may only specify one of these parameters: customer, customer_email.", "customer_email");
    }
    const customer = p.str("customer");
    if (customer !== undefined) get("customer", customer, "customer");
    const lineParams = p.list("line_items");
    if (!lineParams || lineParams.length === 0) throw missingParam("line_items");
    const created = nowSeconds();
    const lineItems = lineParams.map((li) => {
      const priceId = li.str("price");
      if (priceId !== undefined) throw noSuch("price", priceId, li.name("price"));
      const priceData = li.reqObj("price_data");
      const currency = priceData.currency("currency");
      if (!currency) throw missingParam(priceData.name("currency"));
      const unitAmount = priceData.int("unit_amount") ?? priceData.decimal("unit_amount_decimal");
      if (unitAmount === undefined) throw missingParam(priceData.name("unit_amount"));
      if (unitAmount < 0) throw invalid("This value must be greater than or equal to 0.", priceData.name("unit_amount"));
      const quantity = li.reqInt("quantity");
      if (quantity < 1) throw invalid("This value must be greater than or equal to 1.", li.name("quantity"));
      let product = priceData.str("product");
      let description: string | null = null;
      if (product === undefined) {
        description = priceData.reqObj("product_data").reqStr("name");
        product = newId("prod", 14);
      }
      const amount = Math.round(unitAmount * quantity);
      return {
        id: newId("li"),
        object: "item",
        adjustable_quantity: null,
        amount_discount: 0,
        amount_subtotal: amount,
        amount_tax: 0,
        amount_total: amount,
        currency,
        description,
        metadata: li.metadata() ?? {},
        price: {
          id: newId("price"),
          object: "price",
          active: false,
          billing_scheme: "per_unit",
          created,
          currency,
          custom_unit_amount: null,
          livemode: false,
          lookup_key: null,
          metadata: {},
          nickname: null,
          product,
          recurring: null,
          tax_behavior: "unspecified",
          tiers_mode: null,
          transform_quantity: null,
          type: "one_time",
          unit_amount: Number.isInteger(unitAmount) ? unitAmount : null,
          unit_amount_decimal: String(unitAmount),
        },
        quantity,
      };
    });
    const currency = lineItems[0]?.currency ?? "eur";
    if (lineItems.some((li) => li.currency !== currency)) {
      throw invalid("All line items must use the same currency.", "line_items");
    }
    const amountTotal = lineItems.reduce((sum, li) => sum + li.amount_total, 0);
    const paymentIntentData = p.obj("payment_intent_data");
    const id = `cs_test_${randomToken(58)}`;
    const customerEmail = p.str("customer_email") ?? null;
    const session = {
      id,
      object: "checkout.session",
      adaptive_pricing: null,
      after_expiration: null,
      allow_promotion_codes: null,
      amount_subtotal: amountTotal,
      amount_total: amountTotal,
      automatic_tax: { enabled: false, liability: null, provider: null, status: null },
      billing_address_collection: p.str("billing_address_collection") ?? null,
      cancel_url: p.url("cancel_url") ?? null,
      client_reference_id: p.str("client_reference_id") ?? null,
      client_secret: null,
      collected_information: null,
      consent: null,
      consent_collection: null,
      created,
      currency,
      currency_conversion: null,
      custom_fields: [],
      custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
      customer: customer ?? null,
      customer_account: null,
      customer_creation: customer ? null : (p.str("customer_creation") ?? "if_required"),
      customer_details: customerEmail
        ? { address: null, business_name: null, email: customerEmail, individual_name: null, name: null, phone: null, tax_exempt: "none", tax_ids: null }
        : null,
      customer_email: customerEmail,
      discounts: [],
      expires_at: p.int("expires_at") ?? created + 24 * 3600,
      integration_identifier: null,
      invoice: null,
      invoice_creation: null,
      livemode: false,
      locale: p.str("locale") ?? null,
      managed_payments: null,
      metadata: p.metadata() ?? {},
      mode,
      origin_context: null,
      payment_intent: null,
      payment_link: null,
      payment_method_collection: "if_required",
      payment_method_configuration_details: null,
      payment_method_options: {},
      payment_method_types: p.strList("payment_method_types") ?? ["card"],
      payment_status: "unpaid",
      permissions: null,
      recovered_from: null,
      saved_payment_method_options: null,
      setup_intent: null,
      shipping_address_collection: null,
      shipping_cost: null,
      shipping_options: [],
      status: "open",
      submit_type: p.str("submit_type") ?? null,
      subscription: null,
      success_url: p.url("success_url") ?? null,
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: p.str("ui_mode") ?? "hosted_page",
      url: `${baseUrl}/checkout/${id}`,
      wallet_options: null,
    };
    objects.set(id, session);
    sessionLineItems.set(id, lineItems);
    sessionPaymentIntentData.set(id, {
      metadata: paymentIntentData?.metadata() ?? {},
      description: paymentIntentData?.str("description") ?? null,
      receipt_email: paymentIntentData?.str("receipt_email") ?? null,
    });
    return session;
  }

  function expireCheckoutSession(id: string, emit: Emit): any {
    const session = get("checkout.session", id, "session");
    if (session.status !== "open") {
      throw invalid(`Only Checkout Sessions with a status in ["open"] can be expired. This session has status "${session.status}".`, "session");
    }
    session.status = "expired";
    session.url = null;
    emit("checkout.session.expired", session);
    return session;
  }

  function completeCheckoutSession(id: string, emit: Emit): { session: any; paymentIntent: any; charge: any } {
    const session = objects.get(id);
    if (!session || session.object !== "checkout.session") throw new Error(`fake-stripe: no such checkout session ${id}`);
    if (session.status !== "open") throw new Error(`fake-stripe: checkout session ${id} is ${session.status}, not open`);
    const customer = session.customer ? objects.get(session.customer) : undefined;
    const email: string = session.customer_email ?? customer?.email ?? "client@example.test";
    const piData = sessionPaymentIntentData.get(id) ?? { metadata: {}, description: null, receipt_email: null };
    const { paymentIntent, charge } = createCardPayment({
      amount: session.amount_total ?? 0,
      currency: session.currency ?? "eur",
      customer: session.customer,
      description: piData.description,
      metadata: piData.metadata,
      receiptEmail: piData.receipt_email,
      billingEmail: email,
      billingName: customer?.name ?? null,
    });
    session.status = "complete";
    session.payment_status = "paid";
    session.payment_intent = paymentIntent.id;
    session.url = null;
    session.customer_details = {
      address: customer?.address ?? null,
      business_name: null,
      email,
      individual_name: null,
      name: customer?.name ?? null,
      phone: null,
      tax_exempt: "none",
      tax_ids: [],
    };
    emit("checkout.session.completed", session);
    return { session, paymentIntent, charge };
  }

  // -- customers ------------------------------------------------------------------

  function parseAddress(p: Params, key: string): any | null | undefined {
    if (p.raw[key] === "") return null;
    const a = p.obj(key);
    if (!a) return undefined;
    return {
      city: a.str("city") ?? null,
      country: a.str("country") ?? null,
      line1: a.str("line1") ?? null,
      line2: a.str("line2") ?? null,
      postal_code: a.str("postal_code") ?? null,
      state: a.str("state") ?? null,
    };
  }

  function createCustomer(p: Params): any {
    const created = nowSeconds();
    const id = newId("cus", 14);
    const invoiceSettings = p.obj("invoice_settings");
    const customer = {
      id,
      object: "customer",
      address: parseAddress(p, "address") ?? null,
      balance: p.int("balance") ?? 0,
      created,
      currency: null,
      customer_account: null,
      default_source: null,
      delinquent: false,
      description: p.nullableStr("description") ?? null,
      discount: null,
      email: p.nullableStr("email") ?? null,
      invoice_prefix: p.str("invoice_prefix") ?? randomToken(8, "ABCDEF0123456789"),
      invoice_settings: {
        custom_fields: invoiceSettings?.list("custom_fields")?.map((f) => ({ name: f.reqStr("name"), value: f.reqStr("value") })) ?? null,
        default_payment_method: null,
        footer: invoiceSettings?.nullableStr("footer") ?? null,
        rendering_options: null,
      },
      livemode: false,
      metadata: p.metadata() ?? {},
      name: p.nullableStr("name") ?? null,
      next_invoice_sequence: 1,
      phone: p.nullableStr("phone") ?? null,
      preferred_locales: p.strList("preferred_locales") ?? [],
      shipping: null,
      tax_exempt: p.str("tax_exempt") || "none",
      test_clock: null,
    };
    const taxIds = (p.list("tax_id_data") ?? []).map((t) => {
      const type = t.reqStr("type");
      const value = t.reqStr("value");
      const taxId = {
        id: newId("txi"),
        object: "tax_id",
        country: (type === "eu_vat" ? value.slice(0, 2) : type.slice(0, 2)).toUpperCase(),
        created,
        customer: id,
        customer_account: null,
        livemode: false,
        owner: null,
        type,
        value,
        verification: type === "eu_vat" ? { status: "unavailable", verified_address: null, verified_name: null } : null,
      };
      objects.set(taxId.id, taxId);
      return taxId.id;
    });
    objects.set(id, customer);
    customerTaxIds.set(id, taxIds);
    return customer;
  }

  function updateCustomer(id: string, p: Params): any {
    const customer = get("customer", id);
    for (const key of ["email", "name", "phone", "description"] as const) {
      const value = p.nullableStr(key);
      if (value !== undefined) customer[key] = value;
    }
    const address = parseAddress(p, "address");
    if (address !== undefined) customer.address = address;
    const metadata = p.metadata("metadata", customer.metadata);
    if (metadata !== undefined) customer.metadata = metadata;
    const locales = p.strList("preferred_locales");
    if (locales !== undefined) customer.preferred_locales = locales;
    return customer;
  }

  // -- invoice items & invoices ------------------------------------------------------

  function createInvoiceItem(p: Params): any {
    const customerId = p.reqStr("customer");
    const customer = get("customer", customerId, "customer");
    const invoiceId = p.str("invoice");
    const invoice = invoiceId !== undefined ? get("invoice", invoiceId, "invoice") : undefined;
    if (invoice) {
      if (invoice.customer !== customerId) {
        throw invalid(`The invoice ${invoice.id} belongs to customer ${invoice.customer}, not ${customerId}.`, "invoice");
      }
      if (invoice.status !== "draft") {
        throw invalid(`You can only add invoice items to draft invoices; ${invoice.id} is ${invoice.status}.`, "invoice", "invoice_not_editable");
      }
    }
    const priceData = p.obj("price_data");
    const currency = p.currency("currency") ?? priceData?.currency("currency") ?? invoice?.currency ?? customer.currency ?? undefined;
    if (!currency) throw missingParam("currency");
    if (invoice && invoice.currency !== currency) {
      throw invalid(`The currency of the invoice item (${currency}) must match the currency of the invoice (${invoice.currency}).`, "currency");
    }
    let amount: number;
    let unitAmount: number;
    let quantity: number;
    if (p.has("amount")) {
      if (priceData || p.has("unit_amount_decimal") || p.has("quantity") || p.has("quantity_decimal")) {
        throw invalid("You may only specify one of these parameters: amount, price_data, quantity, unit_amount_decimal.", "amount");
      }
      amount = p.reqInt("amount");
      unitAmount = amount;
      quantity = 1;
    } else {
      if (priceData) priceData.reqStr("product");
      const unit = priceData
        ? (priceData.int("unit_amount") ?? priceData.decimal("unit_amount_decimal"))
        : (p.decimal("unit_amount_decimal") ?? p.int("unit_amount"));
      if (unit === undefined) throw missingParam(priceData ? priceData.name("unit_amount") : "amount");
      unitAmount = unit;
      quantity = p.int("quantity") ?? p.decimal("quantity_decimal") ?? 1;
      if (quantity < 0) throw invalid("This value must be greater than or equal to 0.", "quantity");
      amount = Math.round(unitAmount * quantity);
    }
    const created = nowSeconds();
    const period = p.obj("period");
    const item = {
      id: newId("ii"),
      object: "invoiceitem",
      amount,
      currency,
      customer: customerId,
      customer_account: null,
      date: created,
      description: p.str("description") ?? null,
      discountable: p.bool("discountable") ?? amount >= 0,
      discounts: [],
      invoice: invoice?.id ?? null,
      livemode: false,
      metadata: p.metadata() ?? {},
      net_amount: amount,
      parent: null,
      period: period ? { start: period.reqInt("start"), end: period.reqInt("end") } : { start: created, end: created },
      pricing: {
        type: "price_details",
        price_details: { price: newId("price"), product: priceData?.str("product") ?? newId("prod", 14) },
        unit_amount_decimal: String(unitAmount),
      },
      proration: false,
      quantity: Math.ceil(quantity),
      quantity_decimal: String(quantity),
      tax_rates: [],
      test_clock: null,
    };
    objects.set(item.id, item);
    if (invoice) refreshDraft(invoice);
    return item;
  }

  function invoiceItemsOf(invoiceId: string): any[] {
    return [...objects.values()].filter((o) => o.object === "invoiceitem" && o.invoice === invoiceId);
  }

  /** Rebuilds a draft's lines and totals from its invoice items. */
  function refreshDraft(invoice: any): void {
    if (invoice.status !== "draft") return;
    const lines = invoiceItemsOf(invoice.id).map((item) => {
      let lineId = lineIdByInvoiceItem.get(item.id);
      if (!lineId) {
        lineId = newId("il");
        lineIdByInvoiceItem.set(item.id, lineId);
      }
      return {
        id: lineId,
        object: "line_item",
        amount: item.amount,
        currency: item.currency,
        description: item.description,
        discount_amounts: [],
        discountable: item.discountable,
        discounts: [],
        invoice: invoice.id,
        livemode: false,
        metadata: { ...item.metadata },
        parent: {
          type: "invoice_item_details",
          invoice_item_details: { invoice_item: item.id, proration: false, proration_details: { credited_items: null }, subscription: null },
          subscription_item_details: null,
        },
        period: { ...item.period },
        pretax_credit_amounts: [],
        pricing: structuredClone(item.pricing),
        quantity: item.quantity,
        quantity_decimal: item.quantity_decimal,
        subscription: null,
        subtotal: item.amount,
        taxes: [],
      };
    });
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    invoice.lines = emptyList(`/v1/invoices/${invoice.id}/lines`, lines);
    invoice.subtotal = total;
    invoice.subtotal_excluding_tax = total;
    invoice.total = total;
    invoice.total_excluding_tax = total;
    invoice.amount_due = Math.max(0, total);
    invoice.amount_remaining = Math.max(0, total) - invoice.amount_paid;
  }

  function createInvoice(p: Params): any {
    const customerId = p.reqStr("customer");
    const customer = get("customer", customerId, "customer");
    const collectionMethod = p.str("collection_method") ?? "charge_automatically";
    if (collectionMethod !== "charge_automatically" && collectionMethod !== "send_invoice") {
      throw invalid(`Invalid collection_method: must be one of charge_automatically or send_invoice`, "collection_method");
    }
    const created = nowSeconds();
    const daysUntilDue = p.int("days_until_due");
    let dueDate = p.int("due_date") ?? null;
    if (collectionMethod === "send_invoice") {
      if (daysUntilDue !== undefined && dueDate !== null) {
        throw invalid("You may only specify one of these parameters: days_until_due, due_date.", "days_until_due");
      }
      if (daysUntilDue !== undefined) dueDate = created + daysUntilDue * 24 * 3600;
      if (dueDate === null) {
        throw invalid("Invoices with `collection_method=send_invoice` must have either `days_until_due` or `due_date` set.", "days_until_due");
      }
    } else if (daysUntilDue !== undefined || dueDate !== null) {
      throw invalid("`days_until_due` and `due_date` are only valid for invoices with `collection_method=send_invoice`.", "days_until_due");
    }
    const pendingBehavior = p.str("pending_invoice_items_behavior") ?? "exclude";
    if (pendingBehavior !== "include" && pendingBehavior !== "exclude") {
      throw invalid("Invalid pending_invoice_items_behavior: must be one of include or exclude", "pending_invoice_items_behavior");
    }
    const customFields = p.list("custom_fields");
    if (customFields && customFields.length > 4) throw invalid("You can have at most 4 custom fields.", "custom_fields");
    const pending = [...objects.values()].filter((o) => o.object === "invoiceitem" && o.customer === customerId && o.invoice === null);
    const currency = p.currency("currency") ?? customer.currency ?? (pendingBehavior === "include" ? pending[0]?.currency : undefined) ?? "eur";
    const id = newId("in");
    const invoice = {
      id,
      object: "invoice",
      account_country: "FR",
      account_name: "Fake Stripe",
      account_tax_ids: null,
      amount_due: 0,
      amount_overpaid: 0,
      amount_paid: 0,
      amount_remaining: 0,
      amount_shipping: 0,
      application: null,
      attempt_count: 0,
      attempted: false,
      auto_advance: p.bool("auto_advance") ?? false,
      automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
      automatically_finalizes_at: null,
      billing_reason: "manual",
      collection_method: collectionMethod,
      created,
      currency,
      custom_fields:
        customFields?.map((f) => {
          const name = f.reqStr("name");
          const value = f.reqStr("value");
          if (name.length > 40) throw invalid("Custom field names can have up to 40 characters.", f.name("name"));
          if (value.length > 140) throw invalid("Custom field values can have up to 140 characters.", f.name("value"));
          return { name, value };
        }) ?? null,
      customer: customerId,
      customer_account: null,
      customer_address: customer.address ?? null,
      customer_email: customer.email ?? null,
      customer_name: customer.name ?? null,
      customer_phone: customer.phone ?? null,
      customer_shipping: null,
      customer_tax_exempt: customer.tax_exempt ?? "none",
      customer_tax_ids: (customerTaxIds.get(customerId) ?? []).map((taxId) => ({ type: objects.get(taxId).type, value: objects.get(taxId).value })),
      default_payment_method: null,
      default_source: null,
      default_tax_rates: [],
      description: p.str("description") ?? null,
      discounts: [],
      due_date: dueDate,
      effective_at: p.int("effective_at") ?? null,
      ending_balance: null,
      footer: p.str("footer") ?? customer.invoice_settings?.footer ?? null,
      from_invoice: null,
      hosted_invoice_url: null,
      invoice_pdf: null,
      issuer: { type: "self" },
      last_finalization_error: null,
      latest_revision: null,
      lines: emptyList(`/v1/invoices/${id}/lines`),
      livemode: false,
      metadata: p.metadata() ?? {},
      next_payment_attempt: null,
      number: null,
      on_behalf_of: null,
      parent: null,
      payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
      period_end: created,
      period_start: created,
      post_payment_credit_notes_amount: 0,
      pre_payment_credit_notes_amount: 0,
      receipt_number: null,
      rendering: null,
      shipping_cost: null,
      shipping_details: null,
      starting_balance: 0,
      statement_descriptor: p.str("statement_descriptor") ?? null,
      status: "draft",
      status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
      subtotal: 0,
      subtotal_excluding_tax: 0,
      test_clock: null,
      total: 0,
      total_discount_amounts: [],
      total_excluding_tax: 0,
      total_pretax_credit_amounts: [],
      total_taxes: [],
      webhooks_delivered_at: null,
    };
    objects.set(id, invoice);
    if (pendingBehavior === "include") {
      for (const item of pending) if (item.currency === currency) item.invoice = id;
    }
    refreshDraft(invoice);
    return invoice;
  }

  function finalizeInvoice(invoice: any, emit: Emit, autoAdvance?: boolean): void {
    if (invoice.status !== "draft") {
      throw invalid("This invoice is already finalized, you can't re-finalize a non-draft invoice.", undefined, "invoice_not_editable");
    }
    refreshDraft(invoice);
    const at = nowSeconds();
    invoiceSequence += 1;
    invoice.status = "open";
    invoice.number = `F-${new Date(at * 1000).getUTCFullYear()}-${String(invoiceSequence).padStart(4, "0")}`;
    invoice.status_transitions.finalized_at = at;
    invoice.effective_at ??= at;
    invoice.hosted_invoice_url = `${baseUrl}/invoice/${invoice.id}`;
    invoice.invoice_pdf = `${baseUrl}/invoice/${invoice.id}/pdf`;
    invoice.webhooks_delivered_at = at;
    if (autoAdvance !== undefined) invoice.auto_advance = autoAdvance;
    emit("invoice.finalized", invoice);
    if (invoice.amount_due === 0) {
      markInvoicePaid(invoice, { outOfBand: false });
      emit("invoice.paid", invoice);
    }
  }

  function markInvoicePaid(invoice: any, o: { outOfBand: boolean; paymentIntent?: any }): void {
    const at = nowSeconds();
    invoice.status = "paid";
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.status_transitions.paid_at = at;
    if (o.outOfBand) invoice.amount_paid_off_stripe = invoice.amount_due;
    if (o.paymentIntent) {
      invoice.attempted = true;
      invoice.attempt_count += 1;
      const payments = invoicePayments.get(invoice.id) ?? [];
      payments.push({
        id: newId("inpay"),
        object: "invoice_payment",
        amount_paid: invoice.amount_due,
        amount_requested: invoice.amount_due,
        created: at,
        currency: invoice.currency,
        invoice: invoice.id,
        is_default: true,
        livemode: false,
        payment: { type: "payment_intent", payment_intent: o.paymentIntent.id },
        status: "paid",
        status_transitions: { canceled_at: null, paid_at: at },
      });
      invoicePayments.set(invoice.id, payments);
    }
  }

  function payInvoiceByCard(invoice: any): { paymentIntent: any; charge: any } {
    const payment = createCardPayment({
      amount: invoice.amount_due,
      currency: invoice.currency,
      customer: invoice.customer,
      description: invoice.number ? `Invoice ${invoice.number}` : null,
      metadata: {},
      receiptEmail: invoice.customer_email,
      billingEmail: invoice.customer_email,
      billingName: invoice.customer_name,
    });
    markInvoicePaid(invoice, { outOfBand: false, paymentIntent: payment.paymentIntent });
    return payment;
  }

  function payInvoiceEndpoint(invoice: any, p: Params, emit: Emit): void {
    if (invoice.status === "paid") throw invalid("Invoice is already paid.");
    if (invoice.status === "draft") finalizeInvoice(invoice, emit);
    if (invoice.status === "paid") return; // a zero invoice is paid on finalization
    if (invoice.status !== "open") throw invalid(`This invoice is ${invoice.status} and can no longer be paid.`, undefined, "invoice_not_editable");
    if (p.bool("paid_out_of_band")) markInvoicePaid(invoice, { outOfBand: true });
    else payInvoiceByCard(invoice);
    emit("invoice.paid", invoice);
  }

  function sendInvoice(invoice: any, emit: Emit): void {
    if (invoice.collection_method !== "send_invoice") {
      throw invalid("You can only manually send an invoice if its collection method is 'send_invoice'.");
    }
    if (invoice.status === "draft" || invoice.status === "void") {
      throw invalid(`You can't send an invoice with status ${invoice.status}.`, undefined, "invoice_not_editable");
    }
    if (!invoice.customer_email) {
      throw invalid(`Customer ${invoice.customer} has no email address; an email is required to send an invoice.`);
    }
    emit("invoice.sent", invoice);
  }

  function voidInvoice(invoice: any, emit: Emit): void {
    if (invoice.status === "draft") throw invalid("You can't void a draft invoice. Delete it instead.", undefined, "invoice_not_editable");
    if (invoice.status !== "open" && invoice.status !== "uncollectible") {
      throw invalid(`You can only void open or uncollectible invoices; this invoice is ${invoice.status}.`, undefined, "invoice_not_editable");
    }
    invoice.status = "void";
    invoice.amount_remaining = 0;
    invoice.status_transitions.voided_at = nowSeconds();
    emit("invoice.voided", invoice);
  }

  // -- refunds ------------------------------------------------------------------------

  function createRefund(p: Params, emit: Emit): any {
    const chargeParam = p.str("charge");
    const paymentIntentParam = p.str("payment_intent");
    if (chargeParam === undefined && paymentIntentParam === undefined) {
      throw invalid("One of the following params should be provided for this request: payment_intent or charge.", undefined, "parameter_missing");
    }
    let charge: any;
    if (paymentIntentParam !== undefined) {
      const paymentIntent = get("payment_intent", paymentIntentParam, "payment_intent");
      if (!paymentIntent.latest_charge) throw invalid(`PaymentIntent ${paymentIntent.id} does not have a successful charge to refund.`, "payment_intent");
      charge = get("charge", paymentIntent.latest_charge, "payment_intent");
      if (chargeParam !== undefined && chargeParam !== charge.id) throw invalid("The charge does not belong to this PaymentIntent.", "charge");
    } else {
      charge = get("charge", chargeParam ?? "", "charge");
    }
    const remaining = charge.amount - charge.amount_refunded;
    if (remaining <= 0) throw invalid(`Charge ${charge.id} has already been refunded.`, undefined, "charge_already_refunded");
    const amount = p.int("amount") ?? remaining;
    if (amount <= 0) throw invalid("Refund amount must be positive.", "amount", "parameter_invalid_integer");
    if (amount > remaining) {
      throw invalid(
        `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
        "amount",
        "amount_too_large",
      );
    }
    const reason = p.str("reason") ?? null;
    if (reason !== null && !["duplicate", "fraudulent", "requested_by_customer"].includes(reason)) {
      throw invalid("Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer", "reason");
    }
    const refund = {
      id: newId("re"),
      object: "refund",
      amount,
      balance_transaction: newId("txn"),
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency,
      customer: charge.customer,
      customer_account: null,
      destination_details: { type: "card", card: { reference_status: "pending", reference_type: "acquirer_reference_number", type: "refund" } },
      metadata: p.metadata() ?? {},
      payment_intent: charge.payment_intent,
      payment_method: charge.payment_method,
      reason,
      receipt_number: null,
      source_transfer_reversal: null,
      status: "succeeded",
      transfer_reversal: null,
    };
    objects.set(refund.id, refund);
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount;
    emit("charge.refunded", charge);
    return refund;
  }

  // -- expand ---------------------------------------------------------------------------

  function virtualField(object: any, field: string): any {
    if (object.object === "checkout.session" && field === "line_items") {
      return emptyList(`/v1/checkout/sessions/${object.id}/line_items`, structuredClone(sessionLineItems.get(object.id) ?? []));
    }
    if (object.object === "invoice" && field === "payments") {
      return emptyList("/v1/invoice_payments", structuredClone(invoicePayments.get(object.id) ?? []));
    }
    if (object.object === "customer" && field === "tax_ids") {
      return emptyList(`/v1/customers/${object.id}/tax_ids`, (customerTaxIds.get(object.id) ?? []).map((id) => structuredClone(objects.get(id))));
    }
    return undefined;
  }

  function expand(object: any, path: string[], full: string): void {
    const [field, ...rest] = path;
    if (field === undefined || typeof object !== "object" || object === null) return;
    if (object.object === "list" && field === "data") {
      for (const item of object.data) expand(item, rest, full);
      return;
    }
    let value = object[field];
    if (typeof value === "string" && objects.has(value)) value = structuredClone(objects.get(value));
    else if (value === undefined) value = virtualField(object, field);
    if (value === undefined) throw invalid(`This property cannot be expanded (${full}).`, "expand");
    object[field] = value;
    if (rest.length > 0) expand(value, rest, full);
  }

  // -- API routing ------------------------------------------------------------------------

  type Handler = (p: Params, emit: Emit, id: string) => any;
  const routes: Array<[string, RegExp, Handler]> = [
    ["POST", /^\/v1\/checkout\/sessions$/, (p) => createCheckoutSession(p)],
    ["GET", /^\/v1\/checkout\/sessions\/([^/]+)$/, (_p, _e, id) => get("checkout.session", id, "session")],
    ["POST", /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/, (_p, emit, id) => expireCheckoutSession(id, emit)],
    [
      "GET",
      /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/,
      (_p, _e, id) => emptyList(`/v1/checkout/sessions/${get("checkout.session", id, "session").id}/line_items`, sessionLineItems.get(id) ?? []),
    ],
    ["POST", /^\/v1\/customers$/, (p) => createCustomer(p)],
    ["GET", /^\/v1\/customers\/([^/]+)$/, (_p, _e, id) => get("customer", id)],
    ["POST", /^\/v1\/customers\/([^/]+)$/, (p, _e, id) => updateCustomer(id, p)],
    ["POST", /^\/v1\/invoiceitems$/, (p) => createInvoiceItem(p)],
    ["GET", /^\/v1\/invoiceitems\/([^/]+)$/, (_p, _e, id) => get("invoiceitem", id)],
    ["POST", /^\/v1\/invoices$/, (p) => createInvoice(p)],
    ["GET", /^\/v1\/invoices\/([^/]+)$/, (_p, _e, id) => get("invoice", id, "invoice")],
    ["GET", /^\/v1\/invoices\/([^/]+)\/lines$/, (_p, _e, id) => get("invoice", id, "invoice").lines],
    [
      "POST",
      /^\/v1\/invoices\/([^/]+)\/finalize$/,
      (p, emit, id) => {
        const invoice = get("invoice", id, "invoice");
        finalizeInvoice(invoice, emit, p.bool("auto_advance"));
        return invoice;
      },
    ],
    [
      "POST",
      /^\/v1\/invoices\/([^/]+)\/send$/,
      (_p, emit, id) => {
        const invoice = get("invoice", id, "invoice");
        sendInvoice(invoice, emit);
        return invoice;
      },
    ],
    [
      "POST",
      /^\/v1\/invoices\/([^/]+)\/void$/,
      (_p, emit, id) => {
        const invoice = get("invoice", id, "invoice");
        voidInvoice(invoice, emit);
        return invoice;
      },
    ],
    [
      "POST",
      /^\/v1\/invoices\/([^/]+)\/pay$/,
      (p, emit, id) => {
        const invoice = get("invoice", id, "invoice");
        payInvoiceEndpoint(invoice, p, emit);
        return invoice;
      },
    ],
    ["POST", /^\/v1\/refunds$/, (p, emit) => createRefund(p, emit)],
    ["GET", /^\/v1\/refunds\/([^/]+)$/, (_p, _e, id) => get("refund", id)],
    ["GET", /^\/v1\/payment_intents\/([^/]+)$/, (_p, _e, id) => get("payment_intent", id, "intent")],
    ["GET", /^\/v1\/charges\/([^/]+)$/, (_p, _e, id) => get("charge", id, "charge")],
    ["GET", /^\/v1\/events\/([^/]+)$/, (_p, _e, id) => get("event", id)],
  ];

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string, path: string, params: Record<string, any>) {
    const requestId = newId("req", 14);
    const headers: Record<string, string> = { "Request-Id": requestId };
    const fail = (error: StripeApiError) => sendJson(res, error.status, JSON.stringify(error.toJSON(), null, 2), headers);

    const authorization = req.headers.authorization;
    if (typeof authorization !== "string" || !/^Bearer \S+$/.test(authorization)) {
      return fail(
        new StripeApiError(
          401,
          "invalid_request_error",
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
        ),
      );
    }
    const apiKey = authorization.slice("Bearer ".length);
    if (!/^(sk|rk)_/.test(apiKey)) {
      return fail(new StripeApiError(401, "invalid_request_error", `Invalid API Key provided: ${apiKey.slice(0, 8)}***`));
    }

    const rawKey = req.headers["idempotency-key"];
    const idempotencyKey = method === "POST" && typeof rawKey === "string" && rawKey !== "" ? rawKey : null;
    const canonical = stableStringify(params);
    if (idempotencyKey) {
      headers["Idempotency-Key"] = idempotencyKey;
      const previous = idempotency.get(idempotencyKey);
      if (previous) {
        if (previous.method !== method || previous.path !== path || previous.params !== canonical) {
          return fail(
            new StripeApiError(
              400,
              "idempotency_error",
              `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            ),
          );
        }
        return sendJson(res, previous.status, previous.payload, { ...headers, "Idempotent-Replayed": "true" });
      }
    }

    let route: { handler: Handler; id: string } | undefined;
    for (const [routeMethod, pattern, handler] of routes) {
      const match = pattern.exec(path);
      if (match && routeMethod === method) {
        route = { handler, id: decodeComponent(match[1] ?? "") };
        break;
      }
    }
    if (!route) {
      return fail(
        new StripeApiError(
          404,
          "invalid_request_error",
          `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        ),
      );
    }

    const { emit, emitted } = collector();
    let payload: string;
    try {
      const p = new Params(params);
      const result = structuredClone(route.handler(p, emit, route.id));
      for (const expandPath of p.strList("expand") ?? []) expand(result, expandPath.split("."), expandPath);
      payload = JSON.stringify(result, null, 2);
    } catch (error) {
      if (error instanceof StripeApiError) return fail(error);
      throw error;
    }
    if (idempotencyKey) idempotency.set(idempotencyKey, { method, path, params: canonical, status: 200, payload });
    sendJson(res, 200, payload, headers);
    // Like Stripe, webhooks go out after the API call has answered.
    void deliverAll(emitted, { id: requestId, idempotency_key: idempotencyKey });
  }

  // -- browser pages ------------------------------------------------------------------------

  async function completeCheckout(id: string) {
    const { emit, emitted } = collector();
    const outcome = completeCheckoutSession(id, emit);
    const results = await deliverAll(emitted);
    const last = results[results.length - 1] ?? { event: null, status: null };
    return { ...last, ...outcome };
  }

  async function payInvoice(id: string) {
    const invoice = objects.get(id);
    if (!invoice || invoice.object !== "invoice") throw new Error(`fake-stripe: no such invoice ${id}`);
    const { emit, emitted } = collector();
    try {
      if (invoice.status === "draft") finalizeInvoice(invoice, emit);
      if (invoice.status !== "open") throw new Error(`fake-stripe: invoice ${id} is ${invoice.status}, not open`);
    } catch (error) {
      await deliverAll(emitted);
      throw error instanceof StripeApiError ? new Error(`fake-stripe: ${error.message}`) : error;
    }
    const payment = payInvoiceByCard(invoice);
    emit("invoice.paid", invoice);
    const results = await deliverAll(emitted);
    const last = results[results.length - 1] ?? { event: null, status: null };
    return { ...last, invoice, ...payment };
  }

  async function handlePage(res: ServerResponse, method: string, path: string): Promise<void> {
    let match = /^\/checkout\/([^/]+)(\/pay)?$/.exec(path);
    if (match) {
      const session = objects.get(decodeComponent(match[1] ?? ""));
      if (!session || session.object !== "checkout.session") return sendHtml(res, 404, "Session introuvable", "<p>Cette session de paiement n’existe pas.</p>");
      if (method === "POST" && match[2]) {
        if (session.status === "open") await completeCheckout(session.id);
        if (session.status === "complete" && session.success_url) {
          return redirect(res, String(session.success_url).replaceAll("{CHECKOUT_SESSION_ID}", session.id));
        }
        return redirect(res, `/checkout/${session.id}`);
      }
      if (method !== "GET") return sendHtml(res, 405, "Méthode non autorisée", "");
      const lines = (sessionLineItems.get(session.id) ?? [])
        .map((li) => `<li>${escapeHtml(li.description ?? "Article")} × ${li.quantity} : ${formatAmount(li.amount_total, li.currency)}</li>`)
        .join("\n");
      const total = formatAmount(session.amount_total ?? 0, session.currency ?? "eur");
      const body =
        session.status === "open"
          ? `<ul>${lines}</ul>
<p>Total : <strong>${total}</strong></p>
<form method="post" action="/checkout/${encodeURIComponent(session.id)}/pay"><button type="submit">Payer ${total}</button></form>
${session.cancel_url ? `<p><a href="${escapeHtml(session.cancel_url)}">Annuler et revenir</a></p>` : ""}`
          : `<p>Cette session de paiement est ${session.status === "complete" ? "payée" : "expirée"}.</p>`;
      return sendHtml(res, 200, "Paiement par carte (démonstration)", body);
    }

    match = /^\/invoice\/([^/]+)(\/pay|\/pdf)?$/.exec(path);
    if (match) {
      const invoice = objects.get(decodeComponent(match[1] ?? ""));
      if (!invoice || invoice.object !== "invoice" || invoice.status === "draft") {
        return sendHtml(res, 404, "Facture introuvable", "<p>Cette facture n’existe pas.</p>");
      }
      const total = formatAmount(invoice.amount_due, invoice.currency);
      if (match[2] === "/pdf" && method === "GET") {
        const pdf = tinyPdf([
          `Facture ${invoice.number}`,
          `Client : ${invoice.customer_name ?? invoice.customer_email ?? invoice.customer}`,
          ...invoice.lines.data.map((line: any) => `${line.description ?? "Article"} : ${formatAmount(line.amount, line.currency)}`),
          `Total : ${total}`,
          ...(invoice.custom_fields ?? []).map((f: any) => `${f.name} : ${f.value}`),
          `Statut : ${invoice.status}`,
        ]);
        res.writeHead(200, {
          "Content-Type": "application/pdf",
          "Content-Length": pdf.length,
          "Content-Disposition": `inline; filename="${invoice.number}.pdf"`,
        });
        return void res.end(pdf);
      }
      if (match[2] === "/pay" && method === "POST") {
        if (invoice.status === "open") await payInvoice(invoice.id);
        return redirect(res, `/invoice/${invoice.id}`);
      }
      if (match[2] || method !== "GET") return sendHtml(res, 405, "Méthode non autorisée", "");
      const lines = invoice.lines.data
        .map((line: any) => `<li>${escapeHtml(line.description ?? "Article")} : ${formatAmount(line.amount, line.currency)}</li>`)
        .join("\n");
      const statuses: Record<string, string> = { open: "à payer", paid: "payée", void: "annulée", uncollectible: "irrécouvrable" };
      const status = statuses[invoice.status] ?? String(invoice.status);
      const body = `<p>Client : ${escapeHtml(invoice.customer_name ?? invoice.customer_email ?? invoice.customer)}</p>
<ul>${lines}</ul>
<p>Total : <strong>${total}</strong> — statut : ${escapeHtml(status)}</p>
${invoice.status === "open" ? `<form method="post" action="/invoice/${encodeURIComponent(invoice.id)}/pay"><button type="submit">Payer la facture</button></form>` : ""}
<p><a href="/invoice/${encodeURIComponent(invoice.id)}/pdf">Télécharger le PDF</a></p>`;
      return sendHtml(res, 200, `Facture ${invoice.number}`, body);
    }
    return sendHtml(res, 404, "Page introuvable", "");
  }

  // -- server ---------------------------------------------------------------------------------

  const server = createServer(async (req, res) => {
    try {
      const raw = await readBody(req);
      const method = (req.method ?? "GET").toUpperCase();
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const path = url.pathname.replace(/\/+$/, "") || "/";
      const query = decodeStripeForm(url.search.slice(1));
      const body = decodeStripeForm(raw);
      requests.push({ method, path, headers: { ...req.headers }, body, query });
      if (path.startsWith("/v1/")) {
        return await handleApi(req, res, method, path, method === "GET" || method === "DELETE" ? query : body);
      }
      return await handlePage(res, method, path);
    } catch (error) {
      if (res.headersSent) return void res.end();
      const apiError = new StripeApiError(500, "api_error", error instanceof Error ? error.message : "Unexpected error.");
      return sendJson(res, 500, JSON.stringify(apiError.toJSON()), { "Stripe-Should-Retry": "false" });
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    host: "127.0.0.1",
    port,
    url: baseUrl,
    requests,
    objects,
    events,
    deliveries,
    setWebhookUrl(url) {
      webhookUrl = url || undefined;
    },
    emit(type, object, o = {}) {
      const event = buildEvent(type, object, { id: o.id, created: o.created });
      return deliver(event, { timestamp: o.timestamp, secret: o.secret });
    },
    async webhooksIdle() {
      for (;;) {
        const current = deliveryChain;
        await current;
        if (current === deliveryChain) return;
      }
    },
    payInvoice,
    completeCheckout,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The SDK keeps connections alive; drop them so close() resolves promptly.
        server.closeAllConnections();
      }),
  };
}
