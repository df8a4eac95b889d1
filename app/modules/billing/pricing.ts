/** Prices are in integer cents, before tax (HT); VAT 20 % is computed once per document, rounded half-up. */
export const VAT_RATE = 0.2;

export type PriceLine = { label: string; amountHtCents: number };
export type PriceBreakdown = { lines: PriceLine[]; totalHtCents: number; vatCents: number; totalTtcCents: number };

export function vatOf(amountHtCents: number, rate = VAT_RATE): number {
  return Math.round(amountHtCents * rate);
}

export function priceBreakdown(lines: PriceLine[], rate = VAT_RATE): PriceBreakdown {
  for (const line of lines) if (!Number.isInteger(line.amountHtCents) || line.amountHtCents < 0) throw new Error(`montant invalide : ${line.label}`);
  const totalHtCents = lines.reduce((sum, line) => sum + line.amountHtCents, 0);
  const vatCents = vatOf(totalHtCents, rate);
  return { lines, totalHtCents, vatCents, totalTtcCents: totalHtCents + vatCents };
}
