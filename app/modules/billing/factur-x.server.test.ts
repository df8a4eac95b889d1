import { EN16931 } from "node-zugferd/profile/en16931";
import { PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { extractFacturXml, inspectFacturXPdf, validateAgainstXsd, xmlText } from "../../../e2e/fixtures/factur-x-1.07.3/index";
import {
  assertConsistent,
  facturXFileName,
  facturXXml,
  orderReferences,
  patchBuyerOrganization,
  renderFacturX,
  splitFrenchAddress,
  type FacturXInvoice,
} from "./factur-x.server";
import { currentMonth, invoicePeriodSchema } from "./period-schema";
import { seller as configuredSeller, sellerFromEnv } from "./seller";

const seller = sellerFromEnv({});

const invoice: FacturXInvoice = {
  number: "BEC-2027-0123",
  issuedAt: new Date("2027-01-15T09:30:00Z"),
  dueAt: new Date("2027-02-14T09:30:00Z"),
  seller,
  buyer: {
    name: "Ville de Villeurbanne",
    siret: "21690266800013",
    address: "Hôtel de ville, place Lazare Goujon, 69100 Villeurbanne",
    contactName: "Direction des finances",
    contactEmail: "finances@villeurbanne.example",
  },
  serviceCode: "DIR-FIN-01",
  engagementNumber: "EJ-2027-000123",
  purchaseOrderNumber: "BC-77",
  lines: [
    { description: "Baromètre 2027 — 13 audits mystères, résultats et rapport", quantity: 1, unitPriceCents: 349_000 },
    { description: "Option : visite mystère sur place", quantity: 1, unitPriceCents: 45_000 },
  ],
  totalHtCents: 394_000,
  vatCents: 78_800,
  totalTtcCents: 472_800,
  notes: ["Inscription au Baromètre Expérience Citoyen 2027."],
};

describe("Factur-X XML (EN 16931)", () => {
  it("carries the service code (BT-10), the engagement number (BT-13) and the buyer's SIRET (BT-47)", async () => {
    const xml = await facturXXml(invoice);
    expect(xmlText(xml, "BuyerReference")).toBe("DIR-FIN-01");
    expect(xml).toMatch(/<ram:BuyerOrderReferencedDocument>\s*<ram:IssuerAssignedID>EJ-2027-000123<\/ram:IssuerAssignedID>/);
    const buyer = /<ram:BuyerTradeParty>([\s\S]*?)<\/ram:BuyerTradeParty>/.exec(xml)?.[1] ?? "";
    expect(buyer).toMatch(/<ram:SpecifiedLegalOrganization>\s*<ram:ID schemeID="0002">21690266800013<\/ram:ID>/);
    const sellerParty = /<ram:SellerTradeParty>([\s\S]*?)<\/ram:SellerTradeParty>/.exec(xml)?.[1] ?? "";
    expect(sellerParty).toContain('<ram:ID schemeID="0002">77572481800015</ram:ID>');
    expect(sellerParty).toContain('<ram:ID schemeID="VA">FR62775724818</ram:ID>');
    // The purchase order, different from the engagement number, travels as a note.
    expect(xml).toContain("Bon de commande : BC-77");
  });

  it("writes totals that add up, 20 % VAT, the due date and the payment terms", async () => {
    const xml = await facturXXml(invoice);
    expect(xmlText(xml, "LineTotalAmount")).toBe("3490.00");
    expect(xmlText(xml, "TaxBasisTotalAmount")).toBe("3940.00");
    expect(xml).toContain('<ram:TaxTotalAmount currencyID="EUR">788.00</ram:TaxTotalAmount>');
    expect(xmlText(xml, "GrandTotalAmount")).toBe("4728.00");
    expect(xmlText(xml, "DuePayableAmount")).toBe("4728.00");
    expect(xmlText(xml, "RateApplicablePercent")).toBe("20");
    expect(xml).toMatch(/<ram:DueDateDateTime>\s*<udt:DateTimeString format="102">20270214<\/udt:DateTimeString>/);
    expect(xmlText(xml, "Description")).toMatch(/^Paiement à 30 jours, au plus tard le 14 février 2027, par virement \(mandat administratif\)/);
    expect(xmlText(xml, "IBANID")).toBe("FR7630006000011234567890189");
    expect(xml).toMatch(/<rsm:ExchangedDocument>\s*<ram:ID>BEC-2027-0123<\/ram:ID>/);
    expect(xmlText(xml, "TypeCode")).toBe("380");
  });

  it("validates against the official Factur-X 1.07.3 EN 16931 XSD", async () => {
    const result = await validateAgainstXsd(await facturXXml(invoice));
    expect(result.output).not.toMatch(/fails to validate|error/i);
    expect(result.valid).toBe(true);
  });

  it("puts the purchase-order number in BT-13 when there is no engagement number, and omits BT-10 without a service code", async () => {
    const xml = await facturXXml({ ...invoice, engagementNumber: null, serviceCode: null });
    expect(xml).toMatch(/<ram:BuyerOrderReferencedDocument>\s*<ram:IssuerAssignedID>BC-77<\/ram:IssuerAssignedID>/);
    expect(xml).not.toContain("BuyerReference");
    expect(xml).not.toContain("Bon de commande : BC-77");
    expect((await validateAgainstXsd(xml)).valid).toBe(true);
    expect(orderReferences({ engagementNumber: "EJ-1", purchaseOrderNumber: "EJ-1" })).toEqual({ orderReference: "EJ-1", extraNote: null });
    expect(orderReferences({ engagementNumber: null, purchaseOrderNumber: null })).toEqual({ orderReference: null, extraNote: null });
  });

  it("refuses figures that do not add up and numbers too long for Chorus Pro", () => {
    expect(() => assertConsistent({ ...invoice, totalHtCents: 394_001 })).toThrow(/lignes/);
    expect(() => assertConsistent({ ...invoice, vatCents: 70_000, totalTtcCents: 464_000 })).toThrow(/TVA/);
    expect(() => assertConsistent({ ...invoice, totalTtcCents: 1 })).toThrow(/TTC/);
    expect(() => assertConsistent({ ...invoice, number: "X".repeat(21) })).toThrow(/20 caractères/);
  });

  it("keeps the BT-47 patch of node-zugferd in place (a version bump that changes it fails here)", () => {
    type Field = { key?: string; shape?: Record<string, Field> };
    type Profile = { schema?: { transaction?: Field }; extends?: Profile | Profile[] };
    const keys: string[] = [];
    const visit = (profile: Profile) => {
      const organization = profile.schema?.transaction?.shape?.tradeAgreement?.shape?.buyer?.shape?.organization;
      if (organization) keys.push(`${organization.key}/${organization.shape?.registrationIdentifier?.key ?? "-"}`);
      (Array.isArray(profile.extends) ? profile.extends : profile.extends ? [profile.extends] : []).forEach(visit);
    };
    visit(EN16931 as unknown as Profile);
    // EN 16931 and the MINIMUM profile it extends declare the buyer's legal organization: both keyed now.
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith("BT-47-00/"))).toBe(true);
    expect(keys).toContain("BT-47-00/BT-47");
    expect(patchBuyerOrganization(EN16931)).toBe(EN16931);
  });
});

describe("addresses and file names", () => {
  it("splits a French address into street, postcode and city", () => {
    expect(splitFrenchAddress("Hôtel de ville, place Lazare Goujon, 69100 Villeurbanne")).toEqual({ line1: "Hôtel de ville, place Lazare Goujon", postCode: "69100", city: "Villeurbanne" });
    expect(splitFrenchAddress("Mairie\n1 place de la République\n59130 Lambersart")).toEqual({ line1: "Mairie, 1 place de la République", postCode: "59130", city: "Lambersart" });
    expect(splitFrenchAddress("Ville de Villeurbanne")).toEqual({ line1: "Ville de Villeurbanne" });
    expect(facturXFileName("BEC-2027/01")).toBe("facture-BEC-2027_01.pdf");
  });
});

describe("the Factur-X PDF", () => {
  it("embeds the XML byte for byte as factur-x.xml (Alternative), with PDF/A-3 metadata and an output intent", async () => {
    const facturX = await renderFacturX(invoice);
    expect(Buffer.from(facturX.pdf.subarray(0, 5)).toString()).toBe("%PDF-");
    const inspected = await inspectFacturXPdf(facturX.pdf);
    const embedded = inspected.files.find((f) => f.name === "factur-x.xml");
    expect(embedded?.relationship).toBe("Alternative");
    expect(Buffer.from(await extractFacturXml(facturX.pdf)).equals(Buffer.from(facturX.xml, "utf8"))).toBe(true);
    expect(inspected.hasAssociatedFiles).toBe(true);
    expect(inspected.hasOutputIntents).toBe(true);
    expect(inspected.xmp).toMatch(/pdfaid:part>3</);
    expect(inspected.xmp).toMatch(/fx:ConformanceLevel>EN 16931</);
  });

  it("embeds its fonts (PDF/A forbids the standard 14 fonts)", async () => {
    const { pdf } = await renderFacturX(invoice);
    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.name).toMatch(/DejaVuSans/);
      expect(font.embedded, font.name).toBe(true);
    }
  });
});

/** Every font dictionary of the PDF: its base name and whether a font file is embedded. */
async function pdfFonts(pdf: Uint8Array) {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const fonts: { name: string; embedded: boolean }[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.lookupMaybe(PDFName.of("Type"), PDFName)?.decodeText() !== "Font") continue;
    const subtype = object.lookupMaybe(PDFName.of("Subtype"), PDFName)?.decodeText();
    if (subtype === "Type0") continue; // its descendant CIDFont carries the descriptor
    const descriptor = object.lookupMaybe(PDFName.of("FontDescriptor"), PDFDict);
    const embedded = ["FontFile", "FontFile2", "FontFile3"].some((key) => descriptor?.has(PDFName.of(key)));
    fonts.push({ name: object.lookupMaybe(PDFName.of("BaseFont"), PDFName)?.decodeText() ?? "?", embedded });
  }
  return fonts;
}

describe("the seller's configuration (SELLER_* variables)", () => {
  it("defaults to AFNOR, takes overrides, and stops on a wrong value with a French message", async () => {
    expect(configuredSeller).toMatchObject({ siret: "77572481800015", vatIdentifier: "FR62775724818", vatNumber: "FR 62 775724818", postCode: "93571" });
    const custom = sellerFromEnv({ SELLER_NAME: "AFNOR Certification", SELLER_VAT_NUMBER: "fr 62 775724818", SELLER_IBAN: "FR76 1000 7000 0000 1234 5678 901", UNRELATED: "x" });
    expect(custom).toMatchObject({ name: "AFNOR Certification", vatIdentifier: "FR62775724818", iban: "FR7610007000000012345678901" });
    const xml = await facturXXml({ ...invoice, seller: custom });
    expect(xml).toContain("<ram:Name>AFNOR Certification</ram:Name>");
    expect(() => sellerFromEnv({ SELLER_SIRET: "12345678901234" })).toThrow(/Configuration du vendeur invalide[\s\S]*SELLER_SIRET : 14 chiffres/);
    expect(() => sellerFromEnv({ SELLER_POSTCODE: "9357" })).toThrow(/SELLER_POSTCODE : un code postal à 5 chiffres/);
  });
});

describe("the back-office period (du / au)", () => {
  it("accepts Paris calendar days, refuses impossible dates, inverted or too long periods, in French", () => {
    expect(invoicePeriodSchema.safeParse({ du: "2027-01-01", au: "2027-01-31" }).data).toEqual({ du: "2027-01-01", au: "2027-01-31" });
    expect(invoicePeriodSchema.safeParse({}).data).toEqual({ du: undefined, au: undefined });
    expect(invoicePeriodSchema.safeParse({ du: "2027-02-30" }).error?.issues[0]?.message).toBe("La date « du » n'est pas valide : choisissez un jour du calendrier (JJ/MM/AAAA).");
    expect(invoicePeriodSchema.safeParse({ du: "2027-02-01", au: "2027-01-01" }).error?.issues[0]?.message).toMatch(/^La date de fin précède/);
    expect(invoicePeriodSchema.safeParse({ du: "2025-01-01", au: "2027-01-01" }).error?.issues[0]?.message).toMatch(/ne dépasse pas 366 jours/);
    expect(currentMonth(new Date("2027-01-31T23:30:00Z"))).toEqual({ from: "2027-02-01", to: "2027-02-28" });
    expect(currentMonth(new Date("2028-02-10T12:00:00Z"))).toEqual({ from: "2028-02-01", to: "2028-02-29" });
  });
});
