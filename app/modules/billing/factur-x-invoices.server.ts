import { addDays } from "date-fns";
import { and, asc, eq, gte, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import { strToU8, zipSync, type Zippable } from "fflate";
import { db, type Executor } from "../../../db/client";
import { inTenant } from "../../../db/tenant-context";
import { editions, enrolments, invoices, offers, orders, tenants } from "../../../db/schema";
import { csvAmount, toCsv } from "~/utils/csv";
import { formatShortDate } from "~/utils/format";
import { recordAudit } from "../audit-log/audit-log.server";
import type { TenantContext } from "../tenancy/guard.server";
import { PAYMENT_DAYS, renderFacturX, type FacturX, type FacturXInvoice } from "./factur-x.server";
import type { Period } from "./period-schema";
import { seller } from "./seller";
import { attachmentResponse } from "~/utils/download";

/*
 * Our invoices as Factur-X: one for the tenant's billing page, a period's batch for AFNOR sales
 * (a ZIP to deposit on Chorus Pro). Only a finalised invoice (it has its number) has a Factur-X.
 */

const issuedAt = sql<Date>`coalesce(${invoices.finalizedAt}, ${invoices.createdAt})`.mapWith((v: string | Date) => new Date(v));

/** One query for everything an invoice prints: the invoice, the structure, and its subject (enrolment or order). */
function invoiceQuery(executor: Executor, where: SQL | undefined) {
  return executor
    .select({
      invoice: invoices,
      issuedAt,
      tenantName: tenants.name,
      tenantSlug: tenants.slug,
      enrolment: {
        basePriceHtCents: enrolments.basePriceHtCents,
        onsiteVisitHtCents: enrolments.onsiteVisitHtCents,
        billingContactName: enrolments.billingContactName,
        billingContactEmail: enrolments.billingContactEmail,
        billingAddress: enrolments.billingAddress,
        purchaseOrderNumber: enrolments.purchaseOrderNumber,
        engagementNumber: enrolments.engagementNumber,
        chorusServiceCode: enrolments.chorusServiceCode,
        serviceCodeRequired: enrolments.serviceCodeRequired,
        engagementRequired: enrolments.engagementRequired,
        payerSiret: enrolments.payerSiret,
      },
      editionTitle: editions.title,
      editionYear: editions.year,
      order: {
        reference: orders.reference,
        lines: orders.lines,
        billingContactName: orders.billingContactName,
        billingContactEmail: orders.billingContactEmail,
        billingAddress: orders.billingAddress,
        purchaseOrderNumber: orders.purchaseOrderNumber,
        engagementNumber: orders.engagementNumber,
        chorusServiceCode: orders.chorusServiceCode,
        serviceCodeRequired: orders.serviceCodeRequired,
        engagementRequired: orders.engagementRequired,
        payerSiret: orders.payerSiret,
      },
      offerTitle: offers.title,
    })
    .from(invoices)
    .innerJoin(tenants, eq(tenants.id, invoices.tenantId))
    .leftJoin(enrolments, and(eq(enrolments.tenantId, invoices.tenantId), eq(enrolments.id, invoices.enrolmentId)))
    .leftJoin(editions, eq(editions.id, enrolments.editionId))
    .leftJoin(orders, and(eq(orders.tenantId, invoices.tenantId), eq(orders.id, invoices.orderId)))
    .leftJoin(offers, eq(offers.id, orders.offerId))
    .where(and(isNotNull(invoices.number), where));
}

type InvoiceRow = Awaited<ReturnType<typeof invoiceQuery>>[number];

/** The buyer's billing details, from whichever subject the invoice is for. */
function subjectOf(row: InvoiceRow) {
  if (row.invoice.enrolmentId && row.enrolment) return row.enrolment;
  if (row.invoice.orderId && row.order) return row.order;
  throw new Error(`invoice ${row.invoice.id} without its enrolment or order`);
}

/** An order's frozen lines; an order recorded without them is invoiced as one line (the offer, its total HT). */
function orderLines(row: InvoiceRow): FacturXInvoice["lines"] {
  const lines = row.order?.lines ?? [];
  if (lines.length === 0) return [{ description: row.offerTitle ?? `Commande ${row.order?.reference ?? ""}`, quantity: 1, unitPriceCents: row.invoice.totalHtCents }];
  return lines.map((line) => ({ description: line.label, quantity: line.quantity, unitPriceCents: line.unitPriceHtCents }));
}

/** An invoice row → what the Factur-X says. */
export function toFacturXInvoice(row: InvoiceRow): FacturXInvoice {
  const subject = subjectOf(row);
  const lines: FacturXInvoice["lines"] =
    row.invoice.enrolmentId && row.enrolment
      ? [
          { description: `${row.editionTitle ?? "Baromètre Expérience Citoyen"} — 13 audits mystères, résultats et rapport`, quantity: 1, unitPriceCents: row.enrolment.basePriceHtCents },
          ...(row.enrolment.onsiteVisitHtCents > 0 ? [{ description: "Option : visite mystère sur place", quantity: 1, unitPriceCents: row.enrolment.onsiteVisitHtCents }] : []),
        ]
      : orderLines(row);
  const note =
    row.invoice.enrolmentId && row.editionYear
      ? `Inscription de ${row.tenantName} à l'édition ${row.editionYear} du Baromètre Expérience Citoyen.`
      : `Commande ${row.order?.reference ?? ""} : ${row.offerTitle ?? "offre AFNOR"}.`;
  const issued = row.issuedAt;
  return {
    number: row.invoice.number!,
    issuedAt: issued,
    dueAt: row.invoice.dueAt ?? addDays(issued, PAYMENT_DAYS),
    seller,
    buyer: {
      name: row.tenantName,
      siret: subject.payerSiret,
      address: subject.billingAddress,
      contactName: subject.billingContactName,
      contactEmail: subject.billingContactEmail,
    },
    serviceCode: subject.chorusServiceCode,
    engagementNumber: subject.engagementNumber,
    purchaseOrderNumber: subject.purchaseOrderNumber,
    lines,
    totalHtCents: row.invoice.totalHtCents,
    vatCents: row.invoice.vatCents,
    totalTtcCents: row.invoice.totalTtcCents,
    notes: [note],
  };
}

/**
 * The Factur-X of one of the tenant's invoices, read under its RLS context; null when the id is
 * not one of its finalised invoices (another tenant's id included: the route answers 404).
 */
export async function tenantFacturX(ctx: TenantContext, invoiceId: string): Promise<FacturX | null> {
  const [row] = await inTenant(db(), ctx.tenant.id, (tx) => invoiceQuery(tx, and(eq(invoices.tenantId, ctx.tenant.id), eq(invoices.id, invoiceId))));
  return row ? renderFacturX(toFacturXInvoice(row)) : null;
}

const periodWhere = (period: Period) =>
  and(
    gte(issuedAt, sql`(${period.from}::date)::timestamp at time zone 'Europe/Paris'`),
    lt(issuedAt, sql`(${period.to}::date + 1)::timestamp at time zone 'Europe/Paris'`),
  );

export type PeriodInvoice = ReturnType<typeof toPeriodInvoice>;

function toPeriodInvoice(row: InvoiceRow) {
  const subject = subjectOf(row);
  return {
    id: row.invoice.id,
    number: row.invoice.number!,
    status: row.invoice.status,
    issuedAt: row.issuedAt,
    dueAt: row.invoice.dueAt,
    tenantName: row.tenantName,
    tenantSlug: row.tenantSlug,
    subject: row.invoice.enrolmentId ? `Baromètre ${row.editionYear ?? ""}`.trim() : `Commande ${row.order?.reference ?? ""}`.trim(),
    totalTtcCents: row.invoice.totalTtcCents,
    serviceCode: { required: subject.serviceCodeRequired, value: subject.chorusServiceCode },
    engagement: { required: subject.engagementRequired, value: subject.engagementNumber },
    /** Required by the buyer's structure but missing: Chorus Pro would refuse the deposit. */
    missing: (subject.serviceCodeRequired && !subject.chorusServiceCode) || (subject.engagementRequired && !subject.engagementNumber),
  };
}

/** The finalised invoices issued in the period (every tenant: AFNOR staff only), oldest first. */
export async function listPeriodInvoices(period: Period) {
  const rows = await invoiceQuery(db(), periodWhere(period)).orderBy(asc(issuedAt), asc(invoices.number));
  return rows.map(toPeriodInvoice);
}

/** One invoice's Factur-X for AFNOR staff; null when unknown or not finalised. */
export async function staffFacturX(invoiceId: string): Promise<FacturX | null> {
  const [row] = await invoiceQuery(db(), eq(invoices.id, invoiceId));
  return row ? renderFacturX(toFacturXInvoice(row)) : null;
}

export const invoiceStatusLabels = { draft: "Brouillon", open: "À payer", paid: "Payée", void: "Annulée" } as const;

/**
 * The period's batch for a Chorus Pro deposit: one Factur-X per finalised invoice issued in the
 * period and not cancelled, plus a CSV index of all of them (semicolon, for French Excel; a
 * cancelled invoice is listed as not included). Recorded in the audit log.
 */
export async function periodFacturXZip(period: Period, actorUserId: string) {
  const rows = await invoiceQuery(db(), periodWhere(period)).orderBy(asc(issuedAt), asc(invoices.number));
  const files: Zippable = {};
  const index: (string | number)[][] = [];
  let deposited = 0;
  for (const row of rows) {
    const listed = toPeriodInvoice(row);
    // A cancelled invoice is listed in the index but never put in a batch the buyer would pay.
    const facturX = listed.status === "void" ? null : await renderFacturX(toFacturXInvoice(row));
    // Already compressed streams inside: store the PDFs as they are.
    if (facturX) {
      files[facturX.fileName] = [facturX.pdf, { level: 0 }];
      deposited += 1;
    }
    index.push([
      listed.number,
      formatShortDate(listed.issuedAt),
      listed.dueAt ? formatShortDate(listed.dueAt) : "",
      listed.tenantName,
      listed.subject,
      csvAmount(listed.totalTtcCents),
      invoiceStatusLabels[listed.status],
      listed.serviceCode.value ?? "",
      listed.serviceCode.required ? "oui" : "non",
      listed.engagement.value ?? "",
      listed.engagement.required ? "oui" : "non",
      facturX ? facturX.fileName : "non incluse (annulée)",
    ]);
  }
  files["index.csv"] = strToU8(
    toCsv(
      ["Facture", "Date d'émission", "Échéance", "Structure", "Objet", "Montant TTC (€)", "Statut", "Code service", "Code service exigé", "N° d'engagement", "N° d'engagement exigé", "Fichier"],
      index,
    ),
  );
  const zip = zipSync(files, { level: 0 });
  await recordAudit(db(), {
    tenantId: null,
    actorUserId,
    action: "invoices.factur_x_exported",
    targetType: "invoice_period",
    targetId: `${period.from}/${period.to}`,
    details: { from: period.from, to: period.to, invoices: rows.filter((r) => r.invoice.status !== "void").map((r) => r.invoice.number) },
  });
  return { zip, count: deposited, filename: `factures-factur-x-${period.from}-au-${period.to}.zip` };
}

/** The download of a Factur-X file (tenant and back-office routes). */
export function facturXResponse(facturX: FacturX): Response {
  return attachmentResponse(facturX.pdf, facturX.fileName, "application/pdf");
}
