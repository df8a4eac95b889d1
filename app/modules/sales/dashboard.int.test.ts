import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import {
  editions,
  enrolments,
  enrolmentTransitions,
  invoices,
  leads,
  offers,
  orders,
  payments,
  resultSnapshots,
  staffRoles,
  tenants,
} from "../../../db/schema";
import { makeTenant, makeUser, requestWithSession } from "../../../db/testing/factories";
import { renderRoute, routeResponse } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as csvRoute from "../../routes/admin.tableau-de-bord[.csv]";
import * as pageRoute from "../../routes/admin.tableau-de-bord";
import { createSession } from "../auth/session.server";
import { salesDashboard, type SalesDashboard } from "./dashboard.server";

/*
 * A small, fully controlled dataset: the 2041 edition (open since 2041-02-01) read on 2041-03-03,
 * 30 days in, against the 2040 edition (opened 2040-02-01) as it stood on 2040-03-02.
 */

useTestDatabase();

const NOW = new Date("2041-03-03T10:00:00Z");
const at = (iso: string) => new Date(iso);
let salesToken = "";
let offerId = "";
let current: { id: string; termsVersion: string };
let previous: { id: string; termsVersion: string };
type Tenant = typeof tenants.$inferSelect;
const t = {} as Record<"a" | "b" | "c" | "d" | "e" | "f", Tenant>;

async function makeEdition(year: number, status: "open" | "closed") {
  const [row] = await db()
    .insert(editions)
    .values({
      year,
      number: year - 2028,
      title: `Baromètre Expérience Citoyen ${year}`,
      status,
      enrolmentOpensOn: `${year}-02-01`,
      enrolmentClosesOn: `${year}-04-30`,
      auditStartsOn: `${year}-05-15`,
      auditEndsOn: `${year}-07-15`,
      publicationOn: `${year}-11-15`,
      referentialVersion: `${year}.1`,
      termsVersion: `CGV-${year}`,
      auditPlan: {
        telephone: 4,
        courriel: 3,
        courrier: 1,
        site: 2,
        reseaux_sociaux: 2,
        accueil_physique: 1,
      },
    })
    .returning();
  return row!;
}

type EnrolmentInput = {
  tenant: typeof tenants.$inferSelect;
  edition: { id: string; termsVersion: string };
  status: string;
  ht: number;
  submittedAt: string;
  paidAt?: string;
  cancelledAt?: string;
  path?: "card" | "invoice";
};

async function enrol(input: EnrolmentInput) {
  const vat = input.ht / 5;
  const [row] = await db()
    .insert(enrolments)
    .values({
      tenantId: input.tenant.id,
      editionId: input.edition.id,
      status: input.status,
      category: input.tenant.category,
      basePriceHtCents: input.ht,
      totalHtCents: input.ht,
      vatCents: vat,
      totalTtcCents: input.ht + vat,
      paymentPath: input.path ?? "invoice",
      billingContactName: "Service qualité",
      billingContactEmail: "qualite@exemple.fr",
      billingAddress: "Hôtel de ville",
      payerSiret: input.tenant.siret,
      termsVersion: input.edition.termsVersion,
      termsAcceptedAt: at(input.submittedAt),
      createdAt: at(input.submittedAt),
      statusChangedAt: at(input.cancelledAt ?? input.paidAt ?? input.submittedAt),
      paidAt: input.paidAt ? at(input.paidAt) : null,
      cancelledAt: input.cancelledAt ? at(input.cancelledAt) : null,
    })
    .returning();
  return row!;
}

let invoiceCounter = 0;
async function invoice(enrolment: typeof enrolments.$inferSelect, status: "open" | "paid" | "void", finalizedAt: string, paidAt?: string) {
  invoiceCounter += 1;
  await db()
    .insert(invoices)
    .values({
      tenantId: enrolment.tenantId,
      enrolmentId: enrolment.id,
      stripeInvoiceId: `in_dashboard_${invoiceCounter}`,
      stripeCustomerId: `cus_dashboard_${invoiceCounter}`,
      number: `F-${invoiceCounter}`,
      status,
      totalHtCents: enrolment.totalHtCents,
      vatCents: enrolment.vatCents,
      totalTtcCents: enrolment.totalTtcCents,
      finalizedAt: at(finalizedAt),
      paidAt: paidAt ? at(paidAt) : null,
      createdAt: at(finalizedAt),
    });
}

async function cardPayment(enrolment: typeof enrolments.$inferSelect, paidAt: string) {
  await db()
    .insert(payments)
    .values({
      tenantId: enrolment.tenantId,
      enrolmentId: enrolment.id,
      method: "card",
      status: "paid",
      amountCents: enrolment.totalTtcCents,
      createdAt: at(paidAt),
      paidAt: at(paidAt),
    });
}

let orderCounter = 0;
async function order(
  tenant: typeof tenants.$inferSelect,
  status: (typeof orders.$inferInsert)["status"],
  ht: number | null,
  placedAt: string,
  lead?: {
    status: (typeof leads.$inferInsert)["status"];
    value: number | null;
  },
) {
  orderCounter += 1;
  const priced = ht !== null;
  const [row] = await db()
    .insert(orders)
    .values({
      tenantId: tenant.id,
      reference: `CMD-TEST-${orderCounter}`,
      offerId,
      status,
      totalHtCents: ht,
      vatCents: priced ? ht / 5 : null,
      totalTtcCents: priced ? ht + ht / 5 : null,
      paymentPath: priced ? "invoice" : null,
      billingContactName: "Service qualité",
      billingContactEmail: "qualite@exemple.fr",
      billingAddress: "Hôtel de ville",
      payerSiret: tenant.siret,
      createdAt: at(placedAt),
      orderedAt: status === "quote_requested" ? null : at(placedAt),
    })
    .returning();
  if (lead) {
    await db()
      .insert(leads)
      .values({
        tenantId: tenant.id,
        orderId: row!.id,
        offerId,
        title: `Commande ${row!.reference}`,
        status: lead.status,
        valueHtCents: lead.value,
        createdAt: at(placedAt),
      });
  }
  return row!;
}

beforeAll(async () => {
  const sales = await makeUser({ createdAt: at("2030-01-01T00:00:00Z") });
  await db().insert(staffRoles).values({ userId: sales.id, role: "sales" });
  salesToken = (await createSession(sales.id, { userAgent: null, ipAddress: null })).token;
  // Accounts: two before the reading day, one after (not counted), plus the staff member (never counted).
  await makeUser({ createdAt: at("2040-01-10T00:00:00Z") });
  await makeUser({ createdAt: at("2041-02-15T00:00:00Z") });
  await makeUser({ createdAt: at("2041-06-01T00:00:00Z") });

  previous = await makeEdition(2040, "closed");
  current = await makeEdition(2041, "open");
  const [offer] = await db()
    .insert(offers)
    .values({
      code: "FORM-TEST",
      kind: "formation",
      title: "Formation accueil téléphonique",
      description: "—",
      benefits: "—",
      duration: "1 jour",
      priceHtCents: 80_000,
      prerequisites: "—",
    })
    .returning();
  offerId = offer!.id;

  const created = at("2039-06-01T00:00:00Z");
  // Structure A's record was imported after the reading day: it still counts, being enrolled.
  t.a = await makeTenant({
    name: "Commune A",
    category: "commune_moins_20000",
    regionName: "Bretagne",
    createdAt: at("2041-06-01T00:00:00Z"),
  });
  t.b = await makeTenant({
    name: "Département B",
    kind: "departement",
    category: "departement",
    regionName: "Normandie",
    createdAt: created,
  });
  t.c = await makeTenant({
    name: "Commune C",
    category: "commune_moins_20000",
    regionName: "Bretagne",
    createdAt: created,
  });
  t.d = await makeTenant({
    name: "Région D",
    kind: "region",
    category: "region",
    regionName: null,
    createdAt: created,
  });
  t.e = await makeTenant({ name: "Commune E", createdAt: created });
  // Created after the reading day and not enrolled: not in the funnel.
  t.f = await makeTenant({
    name: "Commune F",
    createdAt: at("2041-06-01T00:00:00Z"),
  });

  // 2041: A paid by card, B invoiced (open), C paid on invoice and published, D cancelled, E draft.
  const a = await enrol({
    tenant: t.a,
    edition: current,
    status: "paid",
    ht: 100_000,
    submittedAt: "2041-02-05T09:00:00Z",
    paidAt: "2041-02-06T09:00:00Z",
    path: "card",
  });
  await cardPayment(a, "2041-02-06T09:00:00Z");
  const b = await enrol({
    tenant: t.b,
    edition: current,
    status: "confirmed",
    ht: 200_000,
    submittedAt: "2041-02-10T09:00:00Z",
  });
  await invoice(b, "open", "2041-02-11T09:00:00Z");
  const c = await enrol({
    tenant: t.c,
    edition: current,
    status: "results_published",
    ht: 100_000,
    submittedAt: "2041-02-12T09:00:00Z",
    paidAt: "2041-02-20T09:00:00Z",
  });
  await invoice(c, "paid", "2041-02-13T09:00:00Z", "2041-02-20T09:00:00Z");
  await db().insert(resultSnapshots).values({
    tenantId: t.c.id,
    editionId: current.id,
    version: 1,
    category: t.c.category,
    certified: false,
    globalScore: 70,
    scores: {},
  });
  const d = await enrol({
    tenant: t.d,
    edition: current,
    status: "cancelled",
    ht: 50_000,
    submittedAt: "2041-02-14T09:00:00Z",
    cancelledAt: "2041-02-15T09:00:00Z",
  });
  await invoice(d, "void", "2041-02-14T10:00:00Z");
  await enrol({
    tenant: t.e,
    edition: current,
    status: "draft",
    ht: 100_000,
    submittedAt: "2041-02-16T09:00:00Z",
  });

  // 2040, read on 2040-03-02: P1 (A) enrolled and paid by card; P2 (B) enrolled, invoiced, paid only in April;
  // P3 (C) enrolled too late; P4 (D) cancelled before; P5 (E) paid, known from its transition only.
  const p1 = await enrol({
    tenant: t.a,
    edition: previous,
    status: "results_published",
    ht: 100_000,
    submittedAt: "2040-02-10T09:00:00Z",
    paidAt: "2040-02-20T09:00:00Z",
    path: "card",
  });
  await cardPayment(p1, "2040-02-20T09:00:00Z");
  const p2 = await enrol({
    tenant: t.b,
    edition: previous,
    status: "paid",
    ht: 150_000,
    submittedAt: "2040-02-25T09:00:00Z",
    paidAt: "2040-04-01T09:00:00Z",
  });
  await invoice(p2, "paid", "2040-02-26T09:00:00Z", "2040-04-01T09:00:00Z");
  await enrol({
    tenant: t.c,
    edition: previous,
    status: "paid",
    ht: 100_000,
    submittedAt: "2040-03-15T09:00:00Z",
    paidAt: "2040-03-20T09:00:00Z",
  });
  await enrol({
    tenant: t.d,
    edition: previous,
    status: "cancelled",
    ht: 100_000,
    submittedAt: "2040-02-12T09:00:00Z",
    cancelledAt: "2040-02-20T09:00:00Z",
  });
  const p5 = await enrol({
    tenant: t.e,
    edition: previous,
    status: "in_audit",
    ht: 80_000,
    submittedAt: "2040-02-12T09:00:00Z",
  });
  await db()
    .insert(enrolmentTransitions)
    .values({
      tenantId: t.e.id,
      enrolmentId: p5.id,
      fromStatus: "awaiting_payment",
      toStatus: "paid",
      source: "archive",
      at: at("2040-02-14T09:00:00Z"),
    });

  // Offers: in the 2041 period a quote request (no price), an order awaiting payment, a paid one; one paid in 2040.
  await order(t.a, "quote_requested", null, "2041-02-10T09:00:00Z", {
    status: "devis_envoye",
    value: 30_000,
  });
  await order(t.b, "awaiting_payment", 80_000, "2041-02-15T09:00:00Z", {
    status: "nouveau",
    value: 80_000,
  });
  await order(t.c, "paid", 50_000, "2041-02-20T09:00:00Z", {
    status: "gagne",
    value: 50_000,
  });
  await order(t.c, "paid", 70_000, "2040-06-01T09:00:00Z", {
    status: "perdu",
    value: 70_000,
  });
}, 120_000);

let dashboard: SalesDashboard;

describe("sales dashboard of an edition", () => {
  beforeAll(async () => {
    dashboard = (await salesDashboard(2041, NOW))!;
  });

  it("reads the commercial period from the opening to today", () => {
    expect(dashboard.edition.year).toBe(2041);
    expect(dashboard.period).toEqual({
      from: "2041-02-01",
      to: null,
      asOf: "2041-03-03",
      dayOffset: 30,
    });
    expect(dashboard.years).toEqual([2041, 2040]);
  });

  it("counts enrolments by status", () => {
    const byStatus = Object.fromEntries(dashboard.byStatus.map((r) => [r.status, r.count]));
    expect(byStatus).toEqual({
      draft: 1,
      awaiting_payment: 0,
      confirmed: 1,
      paid: 1,
      in_audit: 0,
      results_published: 1,
      cancelled: 1,
      refunded: 0,
    });
    expect(dashboard.byStatus.find((r) => r.status === "confirmed")).toMatchObject({ label: "Confirmée (facture émise)", htCents: 200_000 });
  });

  it("counts active enrolments by category and région", () => {
    const category = (key: string) => dashboard.byCategory.find((r) => r.key === key);
    expect(category("commune_moins_20000")).toMatchObject({
      label: "Mairies de moins de 20 000 habitants",
      enrolled: 2,
      paid: 2,
      htCents: 200_000,
    });
    expect(category("departement")).toMatchObject({
      enrolled: 1,
      paid: 0,
      htCents: 200_000,
    });
    expect(category("region")).toMatchObject({
      enrolled: 0,
      paid: 0,
      htCents: 0,
    });
    expect(dashboard.byRegion).toEqual([
      {
        key: "Bretagne",
        label: "Bretagne",
        enrolled: 2,
        paid: 2,
        htCents: 200_000,
      },
      {
        key: "Normandie",
        label: "Normandie",
        enrolled: 1,
        paid: 0,
        htCents: 200_000,
      },
    ]);
  });

  it("sums revenue invoiced, paid and outstanding, HT and TTC", () => {
    expect(dashboard.booked).toEqual({
      count: 3,
      htCents: 400_000,
      ttcCents: 480_000,
    });
    expect(dashboard.paidEnrolments).toBe(2);
    expect(dashboard.revenue.invoiced).toEqual({
      count: 2,
      htCents: 300_000,
      ttcCents: 360_000,
    });
    expect(dashboard.revenue.paid).toEqual({
      count: 2,
      htCents: 200_000,
      ttcCents: 240_000,
    });
    expect(dashboard.revenue.outstanding).toEqual({
      count: 1,
      htCents: 200_000,
      ttcCents: 240_000,
    });
  });

  it("builds the funnel from accounts to published results", () => {
    expect(dashboard.funnel.map((s) => [s.key, s.count])).toEqual([
      ["accounts", 2],
      ["structures", 5],
      ["enrolled", 3],
      ["paid", 2],
      ["published", 1],
    ]);
    expect(dashboard.funnel[2]!.fromPrevious).toBe(60);
  });

  it("compares with the previous edition at the same date", () => {
    expect(dashboard.comparison.previousYear).toBe(2040);
    expect(dashboard.comparison.cutoff).toBe("2040-03-02");
    const rows = Object.fromEntries(dashboard.comparison.rows.map((r) => [r.key, [r.current, r.previous, r.variation?.percent]]));
    expect(rows.enrolled).toEqual([3, 3, 0]);
    expect(rows.paid).toEqual([2, 2, 0]);
    expect(rows.booked).toEqual([400_000, 330_000, (70_000 / 330_000) * 100]);
    expect(rows.invoiced).toEqual([300_000, 150_000, 100]);
    expect(rows.cashed).toEqual([200_000, 100_000, 100]);
  });

  it("reads a past edition over its whole commercial period, without anything to compare with", async () => {
    const past = (await salesDashboard(2040, NOW))!;
    expect(past.period).toMatchObject({
      from: "2040-02-01",
      to: "2041-01-31",
      asOf: "2041-01-31",
    });
    expect(past.comparison).toEqual(expect.objectContaining({ previousYear: null, cutoff: null }));
    expect(past.offers.orders.find((r) => r.group === "payees")).toMatchObject({
      count: 1,
      htCents: 70_000,
    });
    expect(past.offers.leads.byStatus.find((r) => r.status === "perdu")).toMatchObject({ count: 1, htCents: 70_000 });
  });

  it("defaults to the newest open edition", async () => {
    expect((await salesDashboard(null, NOW))?.edition.year).toBe(2041);
    expect(await salesDashboard(1999, NOW)).toMatchObject({
      unknownYear: 1999,
      edition: { year: 2041 },
    });
  });

  it("reports orders and leads of the period, and a new order changes them", async () => {
    const groups = () => Object.fromEntries(dashboard.offers.orders.map((r) => [r.group, [r.count, r.htCents]]));
    expect(groups()).toEqual({
      devis: [1, 0],
      commandees: [1, 80_000],
      payees: [1, 50_000],
      annulees: [0, 0],
    });
    expect(dashboard.offers.unpricedQuotes).toBe(1);
    expect(dashboard.offers.leads.open).toEqual({ count: 2, htCents: 110_000 });
    expect(dashboard.offers.leads.byStatus.find((r) => r.status === "perdu")?.count).toBe(0);

    // A structure orders one seat of a training session.
    await order(t.e, "awaiting_payment", 80_000, "2041-03-02T15:00:00Z", {
      status: "nouveau",
      value: 80_000,
    });
    dashboard = (await salesDashboard(2041, NOW))!;
    expect(groups().commandees).toEqual([2, 160_000]);
    expect(dashboard.offers.leads.open).toEqual({ count: 3, htCents: 190_000 });
    expect(dashboard.offers.leads.byStatus.find((r) => r.status === "nouveau")).toMatchObject({ count: 2, htCents: 160_000 });
  });
});

describe("dashboard routes", () => {
  const routes = [
    {
      id: "page",
      path: "/admin/tableau-de-bord",
      loader: pageRoute.loader,
      Component: pageRoute.default,
    },
    { id: "csv", path: "/admin/tableau-de-bord.csv", loader: csvRoute.loader },
  ] as unknown as RouteObject[];

  it("renders the figures, each chart with its table", async () => {
    const { status, html } = await renderRoute(routes, requestWithSession(salesToken, "http://localhost:3000/admin/tableau-de-bord?annee=2041"));
    expect(status).toBe(200);
    expect(html).toContain("Tableau de bord commercial — édition 2041");
    expect(html).toContain("Comparaison avec l&#x27;édition précédente à la même date");
    expect(html).toContain("Bretagne");
    expect(html).toContain("Mairies de moins de 20 000 habitants");
    expect(html).toContain("Pipeline ouvert");
    const charts = html.match(/<svg role="img" aria-labelledby="([\w-]+)-titre" aria-describedby="\1"/g) ?? [];
    expect(charts.length).toBeGreaterThanOrEqual(6);
    for (const chart of charts) {
      const tableId = chart.match(/aria-describedby="([\w-]+)"/)![1];
      expect(html, tableId).toContain(`<table class="table" id="${tableId}">`);
    }
  });

  it("says so when the year is malformed or unknown, and shows the default edition", async () => {
    const malformed = await renderRoute(routes, requestWithSession(salesToken, "http://localhost:3000/admin/tableau-de-bord?annee=abc"));
    expect(malformed.html).toContain("quatre chiffres");
    const unknown = await renderRoute(routes, requestWithSession(salesToken, "http://localhost:3000/admin/tableau-de-bord?annee=1999"));
    expect(unknown.html).toContain("Aucune édition 1999");
    expect(unknown.html).toContain("édition 2041");
  });

  it("exports every table in one French Excel CSV", async () => {
    const response = await routeResponse(routes, requestWithSession(salesToken, "http://localhost:3000/admin/tableau-de-bord.csv?annee=2041"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="tableau-de-bord-2041-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    // The body opens with a byte-order mark, for French Excel.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.startsWith("Tableau de bord commercial — édition 2041\r\n")).toBe(true);
    for (const title of [
      "Comparaison avec l'édition 2040 à la même date",
      "Entonnoir de conversion",
      "Chiffre d'affaires des inscriptions",
      "Inscriptions par statut",
      "Inscriptions par catégorie (hors annulations)",
      "Inscriptions par région (hors annulations)",
      "Commandes d'offres de la période",
      "Prospects de la période",
    ])
      expect(text).toContain(`\r\n${title}\r\n`);
    expect(text).toContain("\r\nFacturé (factures émises, ouvertes ou payées);2;3000,00;3600,00\r\n");
    expect(text).toContain("\r\nBretagne;2;2;2000,00\r\n");
    expect(text).toContain("\r\nConfirmée (facture émise);1;2000,00\r\n");
  });

  it("is closed to a structure's members", async () => {
    const member = await makeUser();
    const token = (await createSession(member.id, { userAgent: null, ipAddress: null })).token;
    const response = await routeResponse(routes, requestWithSession(token, "http://localhost:3000/admin/tableau-de-bord.csv"));
    expect(response.status).toBe(404);
  });
});
