import { isPaidOrLater, type EnrolmentStatus } from "./state-machine";

export type TimelineStep = { label: string; state: "done" | "current" | "todo" };

/** The enrolment as the tenant home shows it: enrolled → paid → audits → results. */
export function enrolmentTimeline(status: EnrolmentStatus | null, auditsDone = 0, auditsPlanned = 13): TimelineStep[] {
  if (status === "cancelled" || status === "refunded") return [{ label: status === "cancelled" ? "Inscription annulée" : "Inscription remboursée", state: "current" }];
  const enrolled = status !== null && status !== "draft";
  const paid = status !== null && isPaidOrLater(status);
  const auditing = status === "in_audit" || status === "results_published";
  const published = status === "results_published";
  const paymentLabel = status === "confirmed" ? "Facture émise, paiement attendu" : "Paiement reçu";
  const steps: [string, boolean][] = [
    ["Inscription enregistrée", enrolled],
    [paid ? "Paiement reçu" : paymentLabel, paid],
    [auditing ? `Audits mystères : ${auditsDone} / ${auditsPlanned} audits réalisés` : "Audits mystères", published || (auditing && auditsDone >= auditsPlanned)],
    ["Résultats publiés", published],
  ];
  const firstTodo = steps.findIndex(([, done]) => !done);
  return steps.map(([label, done], index) => ({ label, state: done ? "done" : index === firstTodo ? "current" : "todo" }));
}
