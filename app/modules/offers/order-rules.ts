/**
 * Pure rules of an order of an AFNOR offer: what it costs, which statuses follow which, and the
 * reference printed on its documents.
 *
 * - A training is priced per trainee (the catalogue price is per person and session); every other
 *   offer per site audited or diagnosed. VAT 20 % once per document (billing/pricing.ts).
 * - An offer "sur devis" (no catalogue price) can only be asked for a quote: sales prices it.
 * - Statuses: a quote request commits nothing and may only be cancelled; an order waits for its
 *   card payment or, on invoice, is confirmed once the invoice is issued; both end paid; any
 *   unpaid or refunded order may be cancelled (its seats are then released). Never backwards.
 */
import { priceBreakdown, type PriceBreakdown } from "../billing/pricing";
import type { OfferKind, OrderStatus } from "../../../db/schema/offers";

export const ORDER_TERMS_VERSION = "CGV-OFFRES-2026-01";
export const MAX_TRAINEES = 20;
export const MAX_SITES = 20;

export const orderStatusLabels: Record<OrderStatus, string> = {
  quote_requested: "Devis demandé",
  awaiting_payment: "En attente de paiement",
  confirmed: "Commandée (facture émise)",
  paid: "Payée",
  cancelled: "Annulée",
};

const transitions: Record<OrderStatus, readonly OrderStatus[]> = {
  quote_requested: ["cancelled"],
  awaiting_payment: ["confirmed", "paid", "cancelled"],
  confirmed: ["paid", "cancelled"],
  paid: ["cancelled"],
  cancelled: [],
};

export function canMoveOrder(from: OrderStatus, to: OrderStatus): boolean {
  return transitions[from].includes(to);
}

export type OrderLine = { label: string; quantity: number; unitPriceHtCents: number };
export type OrderPrice = PriceBreakdown & { orderLines: OrderLine[] };

/** The priced lines of an order, or null when the offer is "sur devis". */
export function priceOrder(
  offer: { kind: OfferKind; title: string; priceHtCents: number | null },
  options: { trainees: number; sites: number; sessionLabel?: string | null },
): OrderPrice | null {
  if (offer.priceHtCents === null) return null;
  const perTrainee = offer.kind === "formation";
  const quantity = perTrainee ? options.trainees : options.sites;
  if (!Number.isInteger(quantity) || quantity < 1) throw new Error("quantité invalide");
  const unit = perTrainee ? (quantity > 1 ? "stagiaires" : "stagiaire") : quantity > 1 ? "sites" : "site";
  const label = [offer.title, options.sessionLabel, `${quantity} ${unit}`].filter(Boolean).join(" — ");
  const orderLines = [{ label, quantity, unitPriceHtCents: offer.priceHtCents }];
  return { ...priceBreakdown(orderLines.map((l) => ({ label: l.label, amountHtCents: l.quantity * l.unitPriceHtCents }))), orderLines };
}

/** "CMD-2026-7F3A9C": the year and six characters of the order's id (unique in the database). */
export function orderReference(year: number, id: string): string {
  return `CMD-${year}-${id.replace(/-/g, "").slice(0, 6).toUpperCase()}`;
}

/** "session du 12 janvier 2027 à distance" / "session des 3 et 4 février 2027 à Lyon". */
export function sessionLabel(session: { startsOn: string; endsOn: string; place: string; remote: boolean }, formatDate: (d: string) => string): string {
  const when = session.startsOn === session.endsOn ? `du ${formatDate(session.startsOn)}` : `du ${formatDate(session.startsOn)} au ${formatDate(session.endsOn)}`;
  return `session ${when} ${session.remote ? "à distance" : `à ${session.place}`}`;
}
