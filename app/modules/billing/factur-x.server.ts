import { zugferd } from "node-zugferd";
import { EN16931 } from "node-zugferd/profile/en16931";
import { formatDateForPdf, lineTotalCents, renderQuotePdf, type QuoteDocument } from "./quote-pdf.server";
import type { Seller } from "./seller";

/*
 * Factur-X (EN 16931 profile): the invoice PDF, made PDF/A-3, with its Cross Industry Invoice XML
 * embedded as "factur-x.xml" — the form Chorus Pro accepts for a deposit (docs/chorus-pro.md).
 * Pure apart from rendering: the caller gathers the invoice (invoice-documents.server.ts).
 * Library choice and its limits: docs/decisions/017-factur-x-node-zugferd.md.
 */

export const VAT_RATE_PERCENT = 20;
export const PAYMENT_DAYS = 30;

/** Everything an invoice says, gathered from our tables. Amounts in integer cents, HT unless named. */
export type FacturXInvoice = {
  /** BT-1, the Stripe-issued number ("BEC-2027-0042"); Chorus Pro takes 20 characters at most. */
  number: string;
  issuedAt: Date;
  dueAt: Date;
  seller: Seller;
  buyer: {
    name: string;
    /** The paying establishment's SIRET (BT-47, scheme 0002): how Chorus Pro routes the invoice. */
    siret: string;
    /** The billing address as the buyer typed it (one text). */
    address: string;
    contactName?: string | null;
    contactEmail?: string | null;
  };
  /** BT-10: the Chorus Pro service code ("code service"), when the buyer has one. */
  serviceCode?: string | null;
  /** The legal commitment number (numéro d'engagement juridique). */
  engagementNumber?: string | null;
  purchaseOrderNumber?: string | null;
  lines: { description: string; detail?: string; quantity: number; unitPriceCents: number }[];
  totalHtCents: number;
  vatCents: number;
  totalTtcCents: number;
  /** Free texts printed and carried as notes (BT-22), e.g. what the invoice is for. */
  notes?: string[];
};

const amount = (cents: number) => (cents / 100).toFixed(2);
const quantity = (value: number) => String(Number(value.toFixed(4)));

/** "Hôtel de ville, place Lazare Goujon, 69100 Villeurbanne" → street part, postcode, city (BG-8 wants them apart). */
export function splitFrenchAddress(text: string): { line1: string; postCode?: string; city?: string } {
  const flat = text.replace(/\s*\n\s*/g, ", ").replace(/\s+/g, " ").trim();
  const match = /^(.*?)[,\s]*\b(\d{5})\s+([^,\d][^,]*?)\s*(?:,?\s*France)?$/i.exec(flat);
  if (!match) return { line1: flat.slice(0, 200) };
  const [, street, postCode, city] = match;
  return { line1: (street || city || flat).replace(/[,\s]+$/, "").slice(0, 200), postCode, city: city!.trim() };
}

/**
 * The order reference carried in BT-13 (ram:BuyerOrderReferencedDocument): the engagement number
 * Chorus Pro checks, or the purchase-order number when there is no engagement number. When both
 * are given and differ, the other one travels as a note and is printed.
 */
export function orderReferences(invoice: Pick<FacturXInvoice, "engagementNumber" | "purchaseOrderNumber">) {
  const engagement = invoice.engagementNumber?.trim() || null;
  const purchaseOrder = invoice.purchaseOrderNumber?.trim() || null;
  const orderReference = engagement ?? purchaseOrder;
  const extraNote = engagement && purchaseOrder && engagement !== purchaseOrder ? `Bon de commande : ${purchaseOrder}` : null;
  return { orderReference, extraNote };
}

/** The payment terms sentence (BT-20), printed and written into the XML. */
export function paymentTermsText(invoice: Pick<FacturXInvoice, "dueAt" | "seller">) {
  return `Paiement à ${PAYMENT_DAYS} jours, au plus tard le ${formatDateForPdf(invoice.dueAt)}, par virement (mandat administratif) sur le compte IBAN ${invoice.seller.iban}. Facture déposable sur Chorus Pro.`;
}

/** Refuses an invoice whose figures do not add up: EN 16931 validators would reject it, and so do we. */
export function assertConsistent(invoice: FacturXInvoice) {
  if (invoice.lines.length === 0) throw new Error(`facture ${invoice.number} sans ligne`);
  const linesHt = invoice.lines.reduce((sum, line) => sum + lineTotalCents(line), 0);
  if (linesHt !== invoice.totalHtCents) throw new Error(`facture ${invoice.number} : lignes ${linesHt} ≠ total HT ${invoice.totalHtCents}`);
  if (invoice.totalHtCents + invoice.vatCents !== invoice.totalTtcCents) throw new Error(`facture ${invoice.number} : HT + TVA ≠ TTC`);
  if (Math.abs(Math.round((invoice.totalHtCents * VAT_RATE_PERCENT) / 100) - invoice.vatCents) > 1) throw new Error(`facture ${invoice.number} : TVA ≠ ${VAT_RATE_PERCENT} % du HT`);
  if (invoice.number.length > 20) throw new Error(`facture ${invoice.number} : numéro de plus de 20 caractères (refusé par Chorus Pro)`);
}

/**
 * node-zugferd 0.1.0 declares the buyer's legal registration (BT-47, ram:SpecifiedLegalOrganization
 * of the BuyerTradeParty) without the keys its serializer needs, so the buyer's SIRET is silently
 * dropped from the XML. Chorus Pro routes an invoice by that SIRET: give the schema fields their
 * keys (the ones the seller's twin fields have). Kept in this one place; factur-x.server.test.ts
 * asserts BT-47, BT-10 and BT-13 are in the XML, so a version that changes this is caught.
 */
type ProfileNode = { schema?: unknown; extends?: ProfileNode | ProfileNode[] };
type SchemaNode = { key?: string; shape?: Record<string, SchemaNode> };
export function patchBuyerOrganization<P>(profile: P): P {
  const seen = new Set<ProfileNode>();
  const visit = (node: ProfileNode | undefined) => {
    if (!node || seen.has(node)) return;
    seen.add(node);
    const organization = (node.schema as { transaction?: SchemaNode } | undefined)?.transaction?.shape?.tradeAgreement?.shape?.buyer?.shape?.organization;
    if (organization && !organization.key) organization.key = "BT-47-00";
    const registration = organization?.shape?.registrationIdentifier;
    if (registration && !registration.key) registration.key = "BT-47";
    const parents = Array.isArray(node.extends) ? node.extends : node.extends ? [node.extends] : [];
    parents.forEach(visit);
  };
  visit(profile as ProfileNode);
  return profile;
}

/**
 * `strict: false`: node-zugferd's own validation shells out to Java; the tests validate against the
 * XSD instead (ADR 017). Its logger's level filter publishes every level up to the one given, so its
 * messages go through our own filter: errors as one JSON log line, the "validation disabled" notice
 * (expected) dropped.
 */
const invoicer = zugferd({
  profile: patchBuyerOrganization(EN16931),
  strict: false,
  logger: {
    level: "error",
    log: (level, message, ...args) => {
      if (level !== "error") return;
      console.error(JSON.stringify({ level: "error", msg: "node-zugferd", detail: String(message), args: args.map(String) }));
    },
  },
});
type EN16931Data = Parameters<typeof invoicer.create>[0];

/** The EN 16931 data node-zugferd serializes to CII XML. */
export function facturXData(invoice: FacturXInvoice): EN16931Data {
  assertConsistent(invoice);
  const { orderReference, extraNote } = orderReferences(invoice);
  const buyerAddress = splitFrenchAddress(invoice.buyer.address);
  const notes = [...(invoice.notes ?? []), ...(extraNote ? [extraNote] : [])];
  const vat = String(VAT_RATE_PERCENT);
  const data = {
    number: invoice.number,
    typeCode: "380",
    issueDate: invoice.issuedAt,
    ...(notes.length > 0 ? { includedNote: notes.map((content) => ({ content })) } : {}),
    transaction: {
      line: invoice.lines.map((line, index) => ({
        identifier: String(index + 1),
        tradeProduct: { name: line.description, ...(line.detail ? { description: line.detail } : {}) },
        tradeAgreement: { netTradePrice: { chargeAmount: amount(line.unitPriceCents) } },
        tradeDelivery: { billedQuantity: { amount: quantity(line.quantity), unitMeasureCode: "C62" } },
        tradeSettlement: {
          tradeTax: { typeCode: "VAT", categoryCode: "S", rateApplicablePercent: vat },
          monetarySummation: { lineTotalAmount: amount(lineTotalCents(line)) },
        },
      })),
      tradeAgreement: {
        ...(invoice.serviceCode ? { buyerReference: invoice.serviceCode } : {}),
        seller: {
          name: invoice.seller.name,
          organization: { registrationIdentifier: { value: invoice.seller.siret, schemeIdentifier: "0002" } },
          postalAddress: { line1: invoice.seller.street, postCode: invoice.seller.postCode, city: invoice.seller.city, countryCode: "FR" },
          electronicAddress: { value: invoice.seller.email, schemeIdentifier: "EM" },
          taxRegistration: { vatIdentifier: invoice.seller.vatIdentifier },
        },
        buyer: {
          name: invoice.buyer.name,
          organization: { registrationIdentifier: { value: invoice.buyer.siret, schemeIdentifier: "0002" } },
          postalAddress: { ...buyerAddress, countryCode: "FR" },
        },
        ...(orderReference ? { associatedOrder: { purchaseOrderReference: orderReference } } : {}),
      },
      tradeDelivery: { information: { deliveryDate: invoice.issuedAt } },
      tradeSettlement: {
        currencyCode: "EUR",
        paymentInstruction: { typeCode: "30", transfers: [{ paymentAccountIdentifier: invoice.seller.iban }] },
        vatBreakdown: [
          { calculatedAmount: amount(invoice.vatCents), typeCode: "VAT", basisAmount: amount(invoice.totalHtCents), categoryCode: "S", rateApplicablePercent: vat },
        ],
        paymentTerms: { description: paymentTermsText(invoice), dueDate: invoice.dueAt },
        monetarySummation: {
          lineTotalAmount: amount(invoice.totalHtCents),
          taxBasisTotalAmount: amount(invoice.totalHtCents),
          taxTotal: { amount: amount(invoice.vatCents), currencyCode: "EUR" },
          grandTotalAmount: amount(invoice.totalTtcCents),
          duePayableAmount: amount(invoice.totalTtcCents),
        },
      },
    },
  };
  return data as unknown as EN16931Data;
}

/** The CII XML (EN 16931) of the invoice. */
export async function facturXXml(invoice: FacturXInvoice): Promise<string> {
  return invoicer.create(facturXData(invoice)).toXML();
}

/** The human-readable side: our invoice layout ("Facture"), with the references a public buyer's accounting checks. */
export function invoiceDocument(invoice: FacturXInvoice): QuoteDocument {
  const references = [
    { label: "N° d'engagement juridique", value: invoice.engagementNumber ?? "" },
    { label: "Bon de commande", value: invoice.purchaseOrderNumber ?? "" },
    { label: "Code service (Chorus Pro)", value: invoice.serviceCode ?? "" },
    { label: "SIRET du payeur", value: invoice.buyer.siret },
  ];
  return {
    kind: "facture",
    number: invoice.number,
    issuedAt: invoice.issuedAt,
    dueAt: invoice.dueAt,
    seller: invoice.seller,
    buyer: {
      name: invoice.buyer.name,
      siret: invoice.buyer.siret,
      address: invoice.buyer.address.split(/\s*\n\s*/).filter(Boolean),
      contactName: invoice.buyer.contactName,
      contactEmail: invoice.buyer.contactEmail,
    },
    references,
    lines: invoice.lines,
    vatRate: VAT_RATE_PERCENT / 100,
    paymentTerms: paymentTermsText(invoice),
    notes: [
      ...(invoice.notes ?? []),
      "Facture électronique Factur-X (profil EN 16931) : les données structurées sont jointes au PDF (factur-x.xml).",
      "En cas de retard de paiement : pénalités au taux légal et indemnité forfaitaire pour frais de recouvrement de 40 € (art. L441-10 du code de commerce).",
    ],
  };
}

export type FacturX = { pdf: Uint8Array; xml: string; fileName: string };

/** The Factur-X file: the invoice PDF made PDF/A-3 with the XML embedded (AFRelationship /Alternative). */
export async function renderFacturX(invoice: FacturXInvoice): Promise<FacturX> {
  const document = invoicer.create(facturXData(invoice));
  const xml = await document.toXML();
  const pdf = await renderQuotePdf(invoiceDocument(invoice));
  const bytes = await document.embedInPdf(new Uint8Array(pdf), {
    metadata: {
      title: `Facture ${invoice.number}`,
      author: invoice.seller.name,
      subject: `Facture ${invoice.number} — ${invoice.buyer.name}`,
      creator: invoice.seller.name,
      producer: invoice.seller.name,
      language: "fr-FR",
      createDate: invoice.issuedAt,
      modifyDate: invoice.issuedAt,
    },
  });
  return { pdf: bytes, xml, fileName: facturXFileName(invoice.number) };
}

/** "facture-BEC-2027-0042.pdf" (only safe characters). */
export function facturXFileName(number: string) {
  return `facture-${number.replace(/[^\w.-]+/g, "_")}.pdf`;
}
