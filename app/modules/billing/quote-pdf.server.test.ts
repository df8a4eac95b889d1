import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { formatSiret } from "../tenancy/siret";
import { formatDateForPdf, formatEurosForPdf, quoteTotals, renderQuotePdf, type QuoteDocument } from "./quote-pdf.server";

const seller: QuoteDocument["seller"] = {
  name: "AFNOR Certification",
  address: ["11 rue Francis de Pressensé", "93571 La Plaine Saint-Denis Cedex"],
  siret: "47910309600028",
  vatNumber: "FR 14 479103096",
  email: "barometre@afnor.org",
};

const buyer: QuoteDocument["buyer"] = {
  name: "Ville de Villeurbanne",
  siret: "21690266800013",
  address: ["Hôtel de Ville", "Place Lazare-Goujon", "69100 Villeurbanne"],
  contactName: "Hélène Côté",
  contactEmail: "helene.cote@mairie-villeurbanne.fr",
};

const devis: QuoteDocument = {
  kind: "devis",
  number: "DEV-2027-000123",
  issuedAt: new Date("2026-10-24T09:30:00Z"),
  validUntil: new Date("2026-11-23T10:00:00Z"),
  seller,
  buyer,
  lines: [
    {
      description: "Baromètre Expérience Citoyen 2027",
      detail: "Commune de 20 000 à 49 999 habitants",
      quantity: 1,
      unitPriceCents: 149_000,
    },
  ],
  vatRate: 0.2,
  paymentTerms: "Paiement par mandat administratif à 30 jours à réception de la facture, déposée sur Chorus Pro.",
  notes: ["Devis valable 30 jours.", "TVA acquittée sur les débits."],
};

const facture: QuoteDocument = {
  ...devis,
  kind: "facture",
  number: "FAC-2027-000045",
  issuedAt: new Date("2026-12-01T08:00:00Z"),
  validUntil: undefined,
  dueAt: new Date("2026-12-31T08:00:00Z"),
  notes: ["En cas de retard de paiement, intérêts moratoires au taux légal et indemnité forfaitaire de 40 € pour frais de recouvrement."],
  references: [
    { label: "Bon de commande", value: "BC-2026-7781" },
    { label: "Numéro d’engagement", value: "EJ-1300045678" },
    { label: "Code service Chorus Pro", value: "SERV-FIN-042" },
  ],
  lines: [
    {
      description: "Baromètre Expérience Citoyen 2027",
      quantity: 1,
      unitPriceCents: 249_000,
    },
    {
      description: "Visite sur place (journée)",
      quantity: 2,
      unitPriceCents: 22_500,
    },
  ],
};

/** Extracted text with every kind of space (including no-break ones) collapsed to a plain space. */
async function pdfText(buffer: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(buffer) });
  try {
    const result = await parser.getText();
    return result.text.replace(/[\s\u00A0\u202F\u2009]+/g, " ");
  } finally {
    await parser.destroy();
  }
}

const normalise = (s: string) => s.replace(/[\s\u00A0\u202F\u2009]+/g, " ");

describe("quoteTotals", () => {
  it("adds 20 % VAT to a single line", () => {
    expect(
      quoteTotals({
        vatRate: 0.2,
        lines: [{ description: "Baromètre", quantity: 1, unitPriceCents: 149_000 }],
      }),
    ).toEqual({
      totalHtCents: 149_000,
      vatCents: 29_800,
      totalTtcCents: 178_800,
    });
  });

  it("sums several lines, with quantities", () => {
    expect(
      quoteTotals({
        vatRate: 0.2,
        lines: [
          { description: "Baromètre", quantity: 1, unitPriceCents: 249_000 },
          { description: "Visite", quantity: 2, unitPriceCents: 22_500 },
          { description: "Restitution", quantity: 3, unitPriceCents: 10_050 },
        ],
      }),
    ).toEqual({
      totalHtCents: 249_000 + 45_000 + 30_150,
      vatCents: 64_830,
      totalTtcCents: 388_980,
    });
  });

  it("rounds VAT half-up once per document, not per line", () => {
    // 3 cents → 0.6 → 1 cent
    expect(
      quoteTotals({
        vatRate: 0.2,
        lines: [{ description: "a", quantity: 1, unitPriceCents: 3 }],
      }),
    ).toEqual({ totalHtCents: 3, vatCents: 1, totalTtcCents: 4 });
    // 12 cents → 2.4 → 2 cents
    expect(
      quoteTotals({
        vatRate: 0.2,
        lines: [{ description: "a", quantity: 1, unitPriceCents: 12 }],
      }).vatCents,
    ).toBe(2);
    // two lines of 3 cents: per line would give 1 + 1 = 2; per document 6 → 1.2 → 1
    expect(
      quoteTotals({
        vatRate: 0.2,
        lines: [
          { description: "a", quantity: 1, unitPriceCents: 3 },
          { description: "b", quantity: 1, unitPriceCents: 3 },
        ],
      }),
    ).toEqual({ totalHtCents: 6, vatCents: 1, totalTtcCents: 7 });
    // 10 001 cents → 2 000.2 → 2 000 ; 10 003 → 2 000.6 → 2 001
    expect(
      quoteTotals({
        vatRate: 0.2,
        lines: [{ description: "a", quantity: 1, unitPriceCents: 10_001 }],
      }).vatCents,
    ).toBe(2_000);
    expect(
      quoteTotals({
        vatRate: 0.2,
        lines: [{ description: "a", quantity: 1, unitPriceCents: 10_003 }],
      }).vatCents,
    ).toBe(2_001);
  });

  it("rounds an exact half cent up (5,5 % of 10 cents = 0,55 → 1 ; of 100 cents = 5,5 → 6)", () => {
    expect(
      quoteTotals({
        vatRate: 0.055,
        lines: [{ description: "a", quantity: 1, unitPriceCents: 10 }],
      }).vatCents,
    ).toBe(1);
    expect(
      quoteTotals({
        vatRate: 0.055,
        lines: [{ description: "a", quantity: 1, unitPriceCents: 100 }],
      }).vatCents,
    ).toBe(6);
  });

  it("refuses fractional unit prices and invalid quantities", () => {
    expect(() =>
      quoteTotals({
        vatRate: 0.2,
        lines: [{ description: "x", quantity: 1, unitPriceCents: 1.5 }],
      }),
    ).toThrow();
    expect(() =>
      quoteTotals({
        vatRate: 0.2,
        lines: [{ description: "x", quantity: 0, unitPriceCents: 100 }],
      }),
    ).toThrow();
    expect(() =>
      quoteTotals({
        vatRate: 0.2,
        lines: [{ description: "x", quantity: Number.NaN, unitPriceCents: 100 }],
      }),
    ).toThrow();
  });
});

describe("formatting", () => {
  it("formats SIRET, euros and dates the French way", () => {
    expect(formatSiret("21690266800013")).toBe("216 902 668 00013");
    expect(formatEurosForPdf(178_800)).toBe("1\u00A0788,00\u00A0€");
    expect(formatEurosForPdf(178_800)).not.toContain("\u202F");
    expect(formatDateForPdf(new Date("2026-11-23T10:00:00Z"))).toBe("23 novembre 2026");
    expect(formatDateForPdf(new Date("2026-11-30T23:30:00Z"))).toBe("1er décembre 2026"); // already 1 December in Paris
  });
});

describe("renderQuotePdf", () => {
  it("renders a devis whose text can be read back", async () => {
    const buffer = await renderQuotePdf(devis);
    expect(buffer.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = await pdfText(buffer);

    expect(text).toContain("Devis");
    expect(text).toContain("DEV-2027-000123");
    expect(text).toContain("Ville de Villeurbanne");
    expect(text).toContain("Hôtel de Ville");
    expect(text).toContain("Hélène Côté");
    expect(text).toContain("216 902 668 00013");
    expect(text).toContain("Désignation");
    expect(text).toContain("Baromètre Expérience Citoyen 2027");
    expect(text).toContain("Total TTC");
    expect(text).toContain(normalise(formatEurosForPdf(178_800)));
    expect(text).toContain("1 788,00 €");
    expect(text).toContain("1 490,00 €");
    expect(text).toContain("298,00 €");
    expect(text).toContain("TVA 20 %");
    expect(text).toContain("23 novembre 2026");
    expect(text).toContain("Page 1 / 1");
    expect(text).toContain("N° TVA intracommunautaire FR 14 479103096");
    expect(text).toContain("479 103 096 00028");
  });

  it("sets PDF metadata", async () => {
    const parser = new PDFParse({
      data: new Uint8Array(await renderQuotePdf(devis)),
    });
    try {
      const { info } = await parser.getInfo();
      expect(info).toMatchObject({
        Title: "Devis DEV-2027-000123",
        Author: "AFNOR Certification",
      });
    } finally {
      await parser.destroy();
    }
  });

  it("renders a facture with its references and due date", async () => {
    const text = await pdfText(await renderQuotePdf(facture));
    expect(text).toContain("Facture");
    expect(text).not.toContain("Devis");
    expect(text).toContain("FAC-2027-000045");
    expect(text).toContain("Numéro d’engagement");
    expect(text).toContain("EJ-1300045678");
    expect(text).toContain("Code service Chorus Pro");
    expect(text).toContain("SERV-FIN-042");
    expect(text).toContain("BC-2026-7781");
    expect(text).toContain("31 décembre 2026");
    expect(text).toContain("2 940,00 €"); // HT
    expect(text).toContain("3 528,00 €"); // TTC
  });
});
