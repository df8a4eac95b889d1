/**
 * Devis and factures as PDF (A4, embedded DejaVu Sans, French formats).
 * Pure apart from rendering: the caller gathers every figure and text; nothing here reads the database.
 */
import { Document, Page, StyleSheet, Text, View, renderToBuffer } from "@react-pdf/renderer";
import type { ComponentProps, ReactNode } from "react";
import { formatSiret } from "../tenancy/siret";
import { PDF_FONT, PDF_FONT_BOLD, registerPdfFonts } from "./pdf-fonts.server";

export type QuoteDocument = {
  /** Title "Devis" or "Facture". */
  kind: "devis" | "facture";
  /** e.g. "DEV-2027-000123". */
  number: string;
  issuedAt: Date;
  /** Devis: end of validity. */
  validUntil?: Date;
  /** Facture: payment due date. */
  dueAt?: Date;
  seller: {
    name: string;
    address: string[];
    siret: string;
    vatNumber: string;
    email: string;
  };
  buyer: {
    name: string;
    siret: string;
    address: string[];
    contactName?: string | null;
    contactEmail?: string | null;
  };
  /** e.g. bon de commande, numéro d'engagement, code service Chorus Pro. */
  references?: { label: string; value: string }[];
  /** Amounts before tax (HT), in integer cents. */
  lines: {
    description: string;
    detail?: string;
    quantity: number;
    unitPriceCents: number;
  }[];
  /** 0.2 for 20 %. */
  vatRate: number;
  /** A French sentence. */
  paymentTerms: string;
  notes?: string[];
};

export type QuoteTotals = {
  totalHtCents: number;
  vatCents: number;
  totalTtcCents: number;
};

/** Line total HT in integer cents (quantity × unit price, rounded half-up to the cent). */
export function lineTotalCents(line: Pick<QuoteDocument["lines"][number], "quantity" | "unitPriceCents" | "description">): number {
  if (!Number.isInteger(line.unitPriceCents)) throw new Error(`prix unitaire invalide : ${line.description}`);
  if (!Number.isFinite(line.quantity) || line.quantity <= 0) throw new Error(`quantité invalide : ${line.description}`);
  return Math.round(line.quantity * line.unitPriceCents);
}

/**
 * Totals in integer cents. VAT is computed once on the document's HT total and rounded half-up
 * (integer arithmetic on the rate in basis points, so no floating-point drift).
 */
export function quoteTotals(doc: Pick<QuoteDocument, "lines" | "vatRate">): QuoteTotals {
  if (!Number.isFinite(doc.vatRate) || doc.vatRate < 0 || doc.vatRate > 1) throw new Error("taux de TVA invalide");
  const basisPoints = Math.round(doc.vatRate * 10_000);
  const totalHtCents = doc.lines.reduce((sum, line) => sum + lineTotalCents(line), 0);
  if (totalHtCents < 0) throw new Error("total HT négatif");
  const vatCents = Math.floor((totalHtCents * basisPoints + 5_000) / 10_000);
  return { totalHtCents, vatCents, totalTtcCents: totalHtCents + vatCents };
}

// ---------------------------------------------------------------------------
// Formatting (fr-FR, Europe/Paris), made printable with any PDF font
// ---------------------------------------------------------------------------

const NBSP = "\u00A0";

/**
 * The narrow no-break space U+202F and the thin space U+2009 that Intl uses in fr-FR become the
 * regular no-break space, in every PDF of the portal. The documents were first issued that way
 * (the viewers' standard fonts had no glyph for them), and invoices are rendered again at each
 * download: a duplicate must read exactly as the original.
 */
export function printable(text: string): string {
  return text.replace(/[\u202F\u2009\u2007]/g, NBSP);
}

const eurosFormat = new Intl.NumberFormat("fr-FR", {
  style: "currency",
  currency: "EUR",
});
const quantityFormat = new Intl.NumberFormat("fr-FR", {
  maximumFractionDigits: 3,
});
const percentFormat = new Intl.NumberFormat("fr-FR", {
  maximumFractionDigits: 2,
});
const dateParts = new Intl.DateTimeFormat("fr-FR", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/Paris",
});

/** "1 788,00 €" (with printable no-break spaces). */
export function formatEurosForPdf(cents: number): string {
  return printable(eurosFormat.format(cents / 100));
}

/** "23 novembre 2026", "1er décembre 2026" — in Europe/Paris. */
export function formatDateForPdf(value: Date): string {
  const parts = dateParts.formatToParts(value);
  const day = parts.find((p) => p.type === "day")?.value ?? "";
  const month = parts.find((p) => p.type === "month")?.value ?? "";
  const year = parts.find((p) => p.type === "year")?.value ?? "";
  return `${day === "1" ? "1er" : day} ${month} ${year}`;
}

function formatRate(rate: number): string {
  return `${percentFormat.format(rate * 100)}${NBSP}%`;
}

// ---------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------

const colors = {
  text: "#1a1a1a",
  muted: "#555555",
  rule: "#b5b5b5",
  band: "#eeeeee",
  accent: "#000091",
};

const styles = StyleSheet.create({
  // No lineHeight on the page itself: react-pdf 4.9 then drops bottom-anchored `render` texts (the page numbers).
  page: {
    fontFamily: PDF_FONT,
    fontSize: 9.5,
    color: colors.text,
    paddingTop: 40,
    paddingHorizontal: 42,
    paddingBottom: 72,
  },
  // A unitless lineHeight is resolved where it is declared, so the fontSize goes with it; other sizes set their own.
  body: { fontSize: 9.5, lineHeight: 1.35 },
  header: {
    flexDirection: "row",
    justifyContent: "space-between",
    marginBottom: 22,
  },
  sellerBlock: { width: "52%" },
  sellerName: {
    fontFamily: PDF_FONT_BOLD,
    fontSize: 12,
    lineHeight: 1.3,
    marginBottom: 3,
  },
  titleBlock: { width: "44%", alignItems: "flex-end" },
  title: {
    fontFamily: PDF_FONT_BOLD,
    fontSize: 22,
    lineHeight: 1.2,
    color: colors.accent,
    marginBottom: 4,
  },
  titleNumber: {
    fontFamily: PDF_FONT_BOLD,
    fontSize: 10.5,
    marginBottom: 6,
  },
  muted: { color: colors.muted },
  dateRow: { flexDirection: "row", justifyContent: "flex-end" },
  dateLabel: { color: colors.muted, marginRight: 4 },
  partiesRow: {
    flexDirection: "row",
    justifyContent: "flex-end",
    marginBottom: 18,
  },
  buyerBox: {
    width: "52%",
    borderWidth: 0.75,
    borderColor: colors.rule,
    borderRadius: 2,
    padding: 10,
  },
  boxLabel: {
    fontSize: 8,
    lineHeight: 1.3,
    color: colors.muted,
    textTransform: "uppercase",
    letterSpacing: 0.6,
    marginBottom: 4,
  },
  buyerName: {
    fontFamily: PDF_FONT_BOLD,
    fontSize: 11,
    lineHeight: 1.3,
    marginBottom: 2,
  },
  sectionTitle: { fontFamily: PDF_FONT_BOLD, fontSize: 10, marginBottom: 5 },
  section: { marginBottom: 16 },
  refRow: {
    flexDirection: "row",
    borderBottomWidth: 0.5,
    borderBottomColor: colors.rule,
    paddingVertical: 3,
  },
  refLabel: { width: "40%", color: colors.muted },
  refValue: { width: "60%", fontFamily: PDF_FONT_BOLD },
  tableHead: {
    flexDirection: "row",
    backgroundColor: colors.band,
    borderBottomWidth: 0.75,
    borderBottomColor: colors.text,
    paddingVertical: 5,
    paddingHorizontal: 6,
  },
  th: { fontFamily: PDF_FONT_BOLD, fontSize: 8.5, lineHeight: 1.3 },
  tableRow: {
    flexDirection: "row",
    borderBottomWidth: 0.5,
    borderBottomColor: colors.rule,
    paddingVertical: 6,
    paddingHorizontal: 6,
  },
  colDescription: { width: "49%", paddingRight: 8 },
  colQuantity: { width: "13%", textAlign: "right" },
  colUnit: { width: "19%", textAlign: "right" },
  colTotal: { width: "19%", textAlign: "right" },
  lineDetail: {
    fontSize: 8.5,
    lineHeight: 1.3,
    color: colors.muted,
    marginTop: 2,
  },
  totals: {
    alignSelf: "flex-end",
    width: "45%",
    marginTop: 10,
    marginBottom: 18,
  },
  totalRow: {
    flexDirection: "row",
    justifyContent: "space-between",
    paddingVertical: 3,
    paddingHorizontal: 6,
  },
  grandTotalRow: {
    flexDirection: "row",
    justifyContent: "space-between",
    paddingVertical: 6,
    paddingHorizontal: 6,
    marginTop: 3,
    backgroundColor: colors.band,
    borderTopWidth: 1,
    borderTopColor: colors.text,
  },
  grandTotalText: {
    fontFamily: PDF_FONT_BOLD,
    fontSize: 11,
    lineHeight: 1.3,
  },
  note: { marginBottom: 3 },
  footer: {
    position: "absolute",
    left: 42,
    right: 42,
    bottom: 28,
    borderTopWidth: 0.5,
    borderTopColor: colors.rule,
    paddingTop: 6,
    flexDirection: "row",
    justifyContent: "space-between",
    fontSize: 7.5,
    color: colors.muted,
  },
  footerLegal: { width: "80%" },
  footerPage: { width: "20%", textAlign: "right" },
});

/** No hyphenation: react-pdf's default hyphenator is English and would cut French words wrongly. */
export const noHyphenation = (word: string) => [word];

type TProps = {
  style?: ComponentProps<typeof View>["style"];
  children: ReactNode;
};

/** Text that goes through `printable` and is never hyphenated. */
function T({ style, children }: TProps) {
  const content =
    typeof children === "string" ? printable(children) : Array.isArray(children) ? children.map((c) => (typeof c === "string" ? printable(c) : c)) : children;
  return (
    <Text style={style} hyphenationCallback={noHyphenation}>
      {content}
    </Text>
  );
}

function QuotePdf({ doc }: { doc: QuoteDocument }) {
  const totals = quoteTotals(doc);
  const title = doc.kind === "devis" ? "Devis" : "Facture";
  const secondDate =
    doc.kind === "devis"
      ? doc.validUntil && {
          label: "Valable jusqu’au :",
          value: formatDateForPdf(doc.validUntil),
        }
      : doc.dueAt && {
          label: "Date d’échéance :",
          value: formatDateForPdf(doc.dueAt),
        };
  const legal = [doc.seller.name, `SIRET ${formatSiret(doc.seller.siret)}`, `N° TVA intracommunautaire ${doc.seller.vatNumber}`, doc.seller.email].join(" · ");
  const references = doc.references?.filter((r) => r.value.trim() !== "") ?? [];
  const notes = doc.notes?.filter((n) => n.trim() !== "") ?? [];

  return (
    <Document
      title={`${title} ${doc.number}`}
      author={doc.seller.name}
      subject={`${title} ${doc.number} — ${doc.buyer.name}`}
      creator={doc.seller.name}
      producer={doc.seller.name}
      language="fr-FR"
      creationDate={doc.issuedAt}
    >
      <Page size="A4" style={styles.page}>
        <View style={styles.body}>
          <View style={styles.header}>
            <View style={styles.sellerBlock}>
              <T style={styles.sellerName}>{doc.seller.name}</T>
              {doc.seller.address.map((line, i) => (
                <T key={i}>{line}</T>
              ))}
              <T style={styles.muted}>{doc.seller.email}</T>
              <T style={styles.muted}>{`SIRET ${formatSiret(doc.seller.siret)}`}</T>
              <T style={styles.muted}>{`N° TVA ${doc.seller.vatNumber}`}</T>
            </View>
            <View style={styles.titleBlock}>
              <T style={styles.title}>{title}</T>
              <T style={styles.titleNumber}>{`N° ${doc.number}`}</T>
              <View style={styles.dateRow}>
                <T style={styles.dateLabel}>Date d’émission :</T>
                <T>{formatDateForPdf(doc.issuedAt)}</T>
              </View>
              {secondDate ? (
                <View style={styles.dateRow}>
                  <T style={styles.dateLabel}>{secondDate.label}</T>
                  <T>{secondDate.value}</T>
                </View>
              ) : null}
            </View>
          </View>

          <View style={styles.partiesRow}>
            <View style={styles.buyerBox}>
              <T style={styles.boxLabel}>{doc.kind === "devis" ? "Destinataire" : "Facturé à"}</T>
              <T style={styles.buyerName}>{doc.buyer.name}</T>
              {doc.buyer.address.map((line, i) => (
                <T key={i}>{line}</T>
              ))}
              <T>{`SIRET : ${formatSiret(doc.buyer.siret)}`}</T>
              {doc.buyer.contactName ? <T style={styles.muted}>{`À l’attention de : ${doc.buyer.contactName}`}</T> : null}
              {doc.buyer.contactEmail ? <T style={styles.muted}>{doc.buyer.contactEmail}</T> : null}
            </View>
          </View>

          {references.length > 0 ? (
            <View style={styles.section} wrap={false}>
              <T style={styles.sectionTitle}>Références</T>
              {references.map((ref, i) => (
                <View key={i} style={styles.refRow}>
                  <T style={styles.refLabel}>{ref.label}</T>
                  <T style={styles.refValue}>{ref.value}</T>
                </View>
              ))}
            </View>
          ) : null}

          <View>
            <View style={styles.tableHead}>
              <T style={[styles.th, styles.colDescription]}>Désignation</T>
              <T style={[styles.th, styles.colQuantity]}>Quantité</T>
              <T style={[styles.th, styles.colUnit]}>Prix unitaire HT</T>
              <T style={[styles.th, styles.colTotal]}>Total HT</T>
            </View>
            {doc.lines.map((line, i) => (
              <View key={i} style={styles.tableRow} wrap={false}>
                <View style={styles.colDescription}>
                  <T>{line.description}</T>
                  {line.detail ? <T style={styles.lineDetail}>{line.detail}</T> : null}
                </View>
                <T style={styles.colQuantity}>{quantityFormat.format(line.quantity)}</T>
                <T style={styles.colUnit}>{formatEurosForPdf(line.unitPriceCents)}</T>
                <T style={styles.colTotal}>{formatEurosForPdf(lineTotalCents(line))}</T>
              </View>
            ))}
          </View>

          <View style={styles.totals} wrap={false}>
            <View style={styles.totalRow}>
              <T>Total HT</T>
              <T>{formatEurosForPdf(totals.totalHtCents)}</T>
            </View>
            <View style={styles.totalRow}>
              <T>{`TVA ${formatRate(doc.vatRate)}`}</T>
              <T>{formatEurosForPdf(totals.vatCents)}</T>
            </View>
            <View style={styles.grandTotalRow}>
              <T style={styles.grandTotalText}>Total TTC</T>
              <T style={styles.grandTotalText}>{formatEurosForPdf(totals.totalTtcCents)}</T>
            </View>
          </View>

          <View style={styles.section} wrap={false}>
            <T style={styles.sectionTitle}>Conditions de paiement</T>
            <T>{doc.paymentTerms}</T>
          </View>

          {notes.length > 0 ? (
            <View style={styles.section}>
              <T style={styles.sectionTitle}>Mentions</T>
              {notes.map((note, i) => (
                <T key={i} style={styles.note}>
                  {note}
                </T>
              ))}
            </View>
          ) : null}
        </View>

        <View style={styles.footer} fixed>
          <T style={styles.footerLegal}>{legal}</T>
          <Text style={styles.footerPage} render={({ pageNumber, totalPages }) => `Page${NBSP}${pageNumber}${NBSP}/${NBSP}${totalPages}`} />
        </View>
      </Page>
    </Document>
  );
}

/** Renders the devis or facture to a PDF buffer. */
export async function renderQuotePdf(doc: QuoteDocument): Promise<Buffer> {
  if (doc.lines.length === 0) throw new Error("document sans ligne");
  registerPdfFonts();
  return renderToBuffer(<QuotePdf doc={doc} />);
}
