/**
 * The life of an enrolment, as one pure table of allowed moves.
 * Card: draft → awaiting_payment → paid. Invoice (public buyers): draft → awaiting_payment →
 * confirmed (purchase order / invoice issued) → paid. Then in_audit → results_published.
 * A move not in the table is refused, which is also what keeps late or re-ordered payment
 * events from moving an enrolment backwards.
 */
export const enrolmentStatuses = [
  "draft",
  "awaiting_payment",
  "confirmed",
  "paid",
  "in_audit",
  "results_published",
  "cancelled",
  "refunded",
] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

export const enrolmentTransitions: Record<EnrolmentStatus, readonly EnrolmentStatus[]> = {
  draft: ["awaiting_payment", "cancelled"],
  awaiting_payment: ["confirmed", "paid", "cancelled"],
  confirmed: ["paid", "cancelled"],
  paid: ["in_audit", "refunded", "cancelled"],
  in_audit: ["results_published"],
  results_published: [],
  cancelled: [],
  refunded: [],
};

export const enrolmentStatusLabels: Record<EnrolmentStatus, string> = {
  draft: "Brouillon",
  awaiting_payment: "En attente de paiement",
  confirmed: "Confirmée (facture émise)",
  paid: "Payée",
  in_audit: "Audits en cours",
  results_published: "Résultats publiés",
  cancelled: "Annulée",
  refunded: "Remboursée",
};

export function canTransition(from: EnrolmentStatus, to: EnrolmentStatus): boolean {
  return enrolmentTransitions[from].includes(to);
}

export type TransitionResult = { ok: true; from: EnrolmentStatus; to: EnrolmentStatus } | { ok: false; reason: string };

export function transition(from: EnrolmentStatus, to: EnrolmentStatus): TransitionResult {
  if (canTransition(from, to)) return { ok: true, from, to };
  return { ok: false, reason: `Passage impossible de « ${enrolmentStatusLabels[from]} » à « ${enrolmentStatusLabels[to]} ».` };
}

/** Whether the enrolment has been paid for (now or before a later stage). */
export function isPaidOrLater(status: EnrolmentStatus): boolean {
  return status === "paid" || status === "in_audit" || status === "results_published";
}
