import { eq } from "drizzle-orm";
import { strFromU8, unzipSync } from "fflate";
import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog, editions, enrolments, invoices, offers, orders, staffRoles } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { seedOfferCatalogue } from "../../../db/seed/offers";
import { addMember, makeTenant, makeUser, requestWithSession } from "../../../db/testing/factories";
import { renderRoute, routeResponse } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import { extractFacturXml, inspectFacturXPdf, validateAgainstXsd, xmlText } from "../../../e2e/fixtures/factur-x-1.07.3/index";
import * as adminPage from "../../routes/admin.factures";
import * as adminZip from "../../routes/admin.factures[.zip]";
import * as adminPdf from "../../routes/admin.factures_.$id.factur-x[.pdf]";
import * as tenantPdf from "../../routes/t.$tenant.facturation_.$id.factur-x[.pdf]";
import { createSession } from "../auth/session.server";
import { listPeriodInvoices, staffFacturX } from "./factur-x-invoices.server";

/*
 * Factur-X against a real database: the tenant's download (valid EN 16931 XML, embedded byte for
 * byte, the buyer's references), tenant isolation, and the sales' period ZIP (one valid Factur-X
 * per invoice of the period, none outside, audited).
 */

useTestDatabase();

const routes = [
  { id: "tenant-pdf", path: "/t/:tenant/facturation/:id/factur-x.pdf", loader: tenantPdf.loader },
  { id: "admin-zip", path: "/admin/factures.zip", loader: adminZip.loader },
  { id: "admin-pdf", path: "/admin/factures/:id/factur-x.pdf", loader: adminPdf.loader },
  { id: "admin-page", path: "/admin/factures", loader: adminPage.loader, Component: adminPage.default },
] as unknown as RouteObject[];

const url = (path: string) => `http://localhost:3000${path}`;
const tokenOf = async (userId: string) => (await createSession(userId, { userAgent: null, ipAddress: null })).token;

let villeurbanne: Awaited<ReturnType<typeof makeTenant>>;
let lambersart: Awaited<ReturnType<typeof makeTenant>>;
const tokens = { villeurbanne: "", lambersart: "", sales: "", auditor: "" };
const ids = { enrolmentInvoice: "", orderInvoice: "", february: "", draft: "", cancelled: "" };
let salesId = "";

beforeAll(async () => {
  await seedEditions(db());
  await seedOfferCatalogue(db());
  villeurbanne = await makeTenant({ name: "Ville de Villeurbanne", siret: "21690266800013" });
  lambersart = await makeTenant({ name: "Ville de Lambersart" });
  const owner = await makeUser();
  await addMember(villeurbanne.id, owner.id, "owner");
  tokens.villeurbanne = await tokenOf(owner.id);
  const other = await makeUser();
  await addMember(lambersart.id, other.id, "owner");
  tokens.lambersart = await tokenOf(other.id);
  const sales = await makeUser();
  await db().insert(staffRoles).values({ userId: sales.id, role: "sales" });
  salesId = sales.id;
  tokens.sales = await tokenOf(sales.id);
  const auditor = await makeUser();
  await db().insert(staffRoles).values({ userId: auditor.id, role: "auditor" });
  tokens.auditor = await tokenOf(auditor.id);

  const [edition] = await db().select().from(editions).where(eq(editions.year, 2027));
  const [enrolment] = await db()
    .insert(enrolments)
    .values({
      tenantId: villeurbanne.id,
      editionId: edition!.id,
      status: "confirmed",
      category: villeurbanne.category,
      basePriceHtCents: 349_000,
      onsiteVisit: true,
      onsiteVisitHtCents: 45_000,
      totalHtCents: 394_000,
      vatCents: 78_800,
      totalTtcCents: 472_800,
      paymentPath: "invoice",
      billingContactName: "Direction des finances",
      billingContactEmail: "finances@villeurbanne.example",
      billingAddress: "Hôtel de ville, place Lazare Goujon, 69100 Villeurbanne",
      engagementNumber: "EJ-2027-000123",
      purchaseOrderNumber: "BC-2027-77",
      chorusServiceCode: "DIR-FIN-01",
      serviceCodeRequired: true,
      engagementRequired: true,
      payerSiret: "21690266800013",
      termsVersion: edition!.termsVersion,
      termsAcceptedAt: new Date(),
    })
    .returning();
  const [offer] = await db().select().from(offers).where(eq(offers.code, "diagnostic-interne"));
  const [order] = await db()
    .insert(orders)
    .values({
      tenantId: lambersart.id,
      reference: "CMD-2027-0001",
      offerId: offer!.id,
      status: "confirmed",
      totalHtCents: 300_000,
      vatCents: 60_000,
      totalTtcCents: 360_000,
      lines: [{ label: "Diagnostic interne — 2 sites", quantity: 2, unitPriceHtCents: 150_000 }],
      paymentPath: "invoice",
      billingContactName: "Comptabilité",
      billingContactEmail: "compta@lambersart.example",
      billingAddress: "Mairie\n19 avenue Georges Clemenceau\n59130 Lambersart",
      engagementNumber: "EJ-LAM-9",
      // Declared required by the buyer, but not given: the back-office must warn.
      serviceCodeRequired: true,
      payerSiret: lambersart.siret,
    })
    .returning();
  const base = { stripeCustomerId: "cus_test", status: "open" as const, references: [] };
  const [enrolmentInvoice, orderInvoice, february, draft, cancelled] = await db()
    .insert(invoices)
    .values([
      {
        ...base,
        tenantId: villeurbanne.id,
        enrolmentId: enrolment!.id,
        stripeInvoiceId: "in_test_villeurbanne",
        number: "BEC-2027-0101",
        totalHtCents: 394_000,
        vatCents: 78_800,
        totalTtcCents: 472_800,
        finalizedAt: new Date("2027-01-15T09:30:00Z"),
        dueAt: new Date("2027-02-14T09:30:00Z"),
      },
      {
        ...base,
        tenantId: lambersart.id,
        orderId: order!.id,
        stripeInvoiceId: "in_test_lambersart",
        number: "BEC-2027-0102",
        totalHtCents: 300_000,
        vatCents: 60_000,
        totalTtcCents: 360_000,
        // 23:30 in Paris on 31 January: still in January.
        finalizedAt: new Date("2027-01-31T22:30:00Z"),
        dueAt: new Date("2027-03-02T22:30:00Z"),
      },
      {
        ...base,
        tenantId: lambersart.id,
        orderId: order!.id,
        stripeInvoiceId: "in_test_lambersart_feb",
        number: "BEC-2027-0103",
        totalHtCents: 300_000,
        vatCents: 60_000,
        totalTtcCents: 360_000,
        // 00:30 in Paris on 1 February: outside January.
        finalizedAt: new Date("2027-01-31T23:30:00Z"),
      },
      {
        ...base,
        status: "draft" as const,
        tenantId: villeurbanne.id,
        enrolmentId: enrolment!.id,
        stripeInvoiceId: "in_test_villeurbanne_draft",
        number: null,
        totalHtCents: 394_000,
        vatCents: 78_800,
        totalTtcCents: 472_800,
        createdAt: new Date("2027-01-20T10:00:00Z"),
      },
      {
        ...base,
        status: "void" as const,
        tenantId: villeurbanne.id,
        enrolmentId: enrolment!.id,
        stripeInvoiceId: "in_test_villeurbanne_void",
        number: "BEC-2027-0104",
        totalHtCents: 394_000,
        vatCents: 78_800,
        totalTtcCents: 472_800,
        finalizedAt: new Date("2027-01-20T10:00:00Z"),
      },
    ])
    .returning({ id: invoices.id });
  Object.assign(ids, { enrolmentInvoice: enrolmentInvoice!.id, orderInvoice: orderInvoice!.id, february: february!.id, draft: draft!.id, cancelled: cancelled!.id });
}, 120_000);

async function bytesOf(response: Response) {
  return new Uint8Array(await response.arrayBuffer());
}

describe("the tenant's Factur-X", () => {
  it("is a PDF embedding, byte for byte, an XML valid against the EN 16931 XSD, with the funnel's references", async () => {
    const response = await routeResponse(routes, requestWithSession(tokens.villeurbanne, url(`/t/${villeurbanne.slug}/facturation/${ids.enrolmentInvoice}/factur-x.pdf`)));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toContain('filename="facture-BEC-2027-0101.pdf"');
    const pdf = await bytesOf(response);
    const inspected = await inspectFacturXPdf(pdf);
    expect(inspected.files.map((f) => [f.name, f.relationship])).toEqual([["factur-x.xml", "Alternative"]]);
    expect(inspected.hasAssociatedFiles && inspected.hasOutputIntents).toBe(true);
    const xml = await extractFacturXml(pdf);
    // The embedded file is the generated XML, byte for byte.
    const generated = await staffFacturX(ids.enrolmentInvoice);
    expect(Buffer.from(xml).equals(Buffer.from(generated!.xml, "utf8"))).toBe(true);
    const validation = await validateAgainstXsd(xml);
    expect(validation.output).not.toMatch(/fails to validate/);
    expect(validation.valid).toBe(true);
    const text = Buffer.from(xml).toString("utf8");
    expect(xmlText(text, "BuyerReference")).toBe("DIR-FIN-01");
    expect(text).toMatch(/<ram:BuyerOrderReferencedDocument>\s*<ram:IssuerAssignedID>EJ-2027-000123</);
    expect(text).toMatch(/<ram:BuyerTradeParty>[\s\S]*<ram:ID schemeID="0002">21690266800013<\/ram:ID>[\s\S]*<\/ram:BuyerTradeParty>/);
    expect(text).toContain("Bon de commande : BC-2027-77");
    expect(xmlText(text, "GrandTotalAmount")).toBe("4728.00");
    expect(xmlText(text, "PostcodeCode")).toBe("93571");
    expect(text).toMatch(/<ram:PostcodeCode>69100<\/ram:PostcodeCode>[\s\S]*<ram:CityName>Villeurbanne<\/ram:CityName>/);
    expect(text).toMatch(/<ram:DueDateDateTime>\s*<udt:DateTimeString format="102">20270214</);
    // Two lines: the barometer and the on-site visit.
    expect(text.match(/<ram:IncludedSupplyChainTradeLineItem>/g)).toHaveLength(2);
  });

  it("answers 404 for another structure's invoice, for a draft without number and for a malformed id", async () => {
    for (const [token, slug, id] of [
      [tokens.lambersart, lambersart.slug, ids.enrolmentInvoice],
      [tokens.villeurbanne, villeurbanne.slug, ids.orderInvoice],
      [tokens.villeurbanne, villeurbanne.slug, ids.draft],
      [tokens.villeurbanne, villeurbanne.slug, "pas-un-identifiant"],
    ] as const) {
      const response = await routeResponse(routes, requestWithSession(token, url(`/t/${slug}/facturation/${id}/factur-x.pdf`)));
      expect(response.status, `${slug} ${id}`).toBe(404);
      expect(await response.text()).not.toContain("%PDF");
    }
    // Lambersart's owner through Villeurbanne's URL: not a member.
    const foreign = await routeResponse(routes, requestWithSession(tokens.lambersart, url(`/t/${villeurbanne.slug}/facturation/${ids.enrolmentInvoice}/factur-x.pdf`)));
    expect(foreign.status).toBe(404);
  });
});

describe("the sales' period export", () => {
  it("holds exactly one valid Factur-X per invoice of the period (none outside, no draft, no cancelled one) and an index, and is audited", async () => {
    const response = await routeResponse(routes, requestWithSession(tokens.sales, url("/admin/factures.zip?du=2027-01-01&au=2027-01-31")));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/zip");
    const files = unzipSync(await bytesOf(response));
    expect(Object.keys(files).sort()).toEqual(["facture-BEC-2027-0101.pdf", "facture-BEC-2027-0102.pdf", "index.csv"]);
    for (const name of ["facture-BEC-2027-0101.pdf", "facture-BEC-2027-0102.pdf"]) {
      const xml = await extractFacturXml(files[name]!);
      const validation = await validateAgainstXsd(xml);
      expect(validation.valid, `${name}: ${validation.output}`).toBe(true);
      expect(xmlText(Buffer.from(xml).toString("utf8"), "ID")).not.toBeNull();
      expect(Buffer.from(xml).toString("utf8")).toContain(`<ram:ID>${name.slice(8, -4)}</ram:ID>`);
    }
    const lambersartXml = Buffer.from(await extractFacturXml(files["facture-BEC-2027-0102.pdf"]!)).toString("utf8");
    expect(lambersartXml).toMatch(/<ram:BilledQuantity unitCode="C62">2<\/ram:BilledQuantity>/);
    expect(lambersartXml).not.toContain("BuyerReference");
    const index = strFromU8(files["index.csv"]!);
    expect(index.split("\r\n")[0]).toContain("Facture;Date d'émission;Échéance;Structure");
    expect(index).toContain("BEC-2027-0101;15/01/2027;14/02/2027;Ville de Villeurbanne;Baromètre 2027;4728,00;À payer;DIR-FIN-01;oui;EJ-2027-000123;oui;facture-BEC-2027-0101.pdf");
    expect(index).not.toContain("BEC-2027-0103");
    // The cancelled invoice is listed, not deposited.
    expect(index).toContain("BEC-2027-0104;20/01/2027;;Ville de Villeurbanne;Baromètre 2027;4728,00;Annulée;DIR-FIN-01;oui;EJ-2027-000123;oui;non incluse (annulée)");
    const [entry] = await db().select().from(auditLog).where(eq(auditLog.action, "invoices.factur_x_exported"));
    expect(entry).toMatchObject({ actorUserId: salesId, targetId: "2027-01-01/2027-01-31" });
    const details = typeof entry!.details === "string" ? JSON.parse(entry!.details) : entry!.details;
    expect(details).toMatchObject({ invoices: ["BEC-2027-0101", "BEC-2027-0102"] });
  });

  it("lists the period's invoices with what the buyer requires and whether it was given", async () => {
    const rows = await listPeriodInvoices({ from: "2027-01-01", to: "2027-01-31" });
    expect(rows.map((r) => [r.number, r.serviceCode, r.engagement, r.missing])).toEqual([
      ["BEC-2027-0101", { required: true, value: "DIR-FIN-01" }, { required: true, value: "EJ-2027-000123" }, false],
      ["BEC-2027-0104", { required: true, value: "DIR-FIN-01" }, { required: true, value: "EJ-2027-000123" }, false],
      ["BEC-2027-0102", { required: true, value: null }, { required: false, value: "EJ-LAM-9" }, true],
    ]);
    const page = await renderRoute(routes, requestWithSession(tokens.sales, url("/admin/factures?du=2027-01-01&au=2027-01-31")));
    expect(page.status).toBe(200);
    expect(page.html).toContain("Factures émises du 1 janvier 2027 au 31 janvier 2027 (3)");
    expect(page.html).toContain("Annulée (non incluse dans l’export)");
    expect(page.html).toContain("Exigé, manquant");
    expect(page.html).toContain("Exporter la période (ZIP Factur-X)");
    expect(page.html).toContain('href="/admin/factures.zip?du=2027-01-01&amp;au=2027-01-31"');
    expect(page.html).toContain(`/admin/factures/${ids.enrolmentInvoice}/factur-x.pdf`);
  });

  it("refuses a wrong period with a French message and writes nothing; auditors and owners have no access", async () => {
    const before = await db().select().from(auditLog);
    const inverted = await routeResponse(routes, requestWithSession(tokens.sales, url("/admin/factures.zip?du=2027-02-01&au=2027-01-01")));
    expect(inverted.status).toBe(400);
    expect(await inverted.text()).toContain("La date de fin précède la date de début");
    const garbage = await routeResponse(routes, requestWithSession(tokens.sales, url("/admin/factures.zip?du=2027-02-30")));
    expect(garbage.status).toBe(400);
    expect(await garbage.text()).toContain("n'est pas valide");
    expect(await db().select().from(auditLog)).toHaveLength(before.length);
    expect((await routeResponse(routes, requestWithSession(tokens.auditor, url("/admin/factures.zip")))).status).toBe(403);
    expect((await routeResponse(routes, requestWithSession(tokens.villeurbanne, url("/admin/factures.zip")))).status).toBe(404);
    const page = await renderRoute(routes, requestWithSession(tokens.sales, url("/admin/factures?du=demain")));
    expect(page.html).toContain("La date « du » n&#x27;est pas valide");
  });

  it("gives sales one invoice's Factur-X, and 404 for a draft", async () => {
    const one = await routeResponse(routes, requestWithSession(tokens.sales, url(`/admin/factures/${ids.orderInvoice}/factur-x.pdf`)));
    expect(one.status).toBe(200);
    expect((await validateAgainstXsd(await extractFacturXml(await bytesOf(one)))).valid).toBe(true);
    expect((await routeResponse(routes, requestWithSession(tokens.sales, url(`/admin/factures/${ids.draft}/factur-x.pdf`)))).status).toBe(404);
  });
});
