import type { AuditPlan } from "../../../db/schema/editions";

export const channelLabels: Record<keyof AuditPlan, string> = {
  telephone: "Téléphone",
  courriel: "Courriel",
  courrier: "Courrier postal",
  site: "Site internet",
  reseaux_sociaux: "Réseaux sociaux et avis en ligne",
  accueil_physique: "Accueil physique",
};

/** The usual split of the 13 mystery audits over the 6 channels (the on-site visit is optional). */
export const defaultAuditPlan: AuditPlan = { telephone: 4, courriel: 3, courrier: 1, site: 2, reseaux_sociaux: 2, accueil_physique: 1 };

export function auditCount(plan: AuditPlan, withOnsiteVisit = true): number {
  return Object.entries(plan).reduce((sum, [channel, n]) => sum + (channel === "accueil_physique" && !withOnsiteVisit ? 0 : n), 0);
}
