import { addDays, differenceInCalendarDays, formatISO, isSaturday, isSunday, parseISO } from "date-fns";
import type { AuditPlan } from "../../../db/schema/editions";
import { CHANNELS, type ChannelCode } from "../scoring/scoring";

/**
 * What an enrolment's mystery audits will be: numbered 1..n in the channel order of the plan,
 * each with a scenario an auditor plays and a planned date in the edition's audit window.
 * Pure: the same plan and window always give the same schedule (planning is idempotent).
 */

export type ScheduledAudit = { number: number; channel: ChannelCode; scenario: string; plannedOn: string };

/** Requests an anonymous auditor makes, per channel; the k-th audit of a channel plays the k-th one. */
export const auditScenarios: Record<ChannelCode, readonly string[]> = {
  telephone: [
    "Demande d'acte de naissance par téléphone",
    "Inscription d'un enfant à la cantine scolaire, par téléphone",
    "Prise de rendez-vous pour une carte d'identité, par téléphone",
    "Signalement d'un éclairage public en panne, par téléphone",
  ],
  courriel: [
    "Demande d'acte de mariage par courriel",
    "Question sur les horaires et les tarifs de la médiathèque, par courriel",
    "Demande de renseignements sur une aide aux familles, par courriel",
  ],
  courrier: ["Demande de copie intégrale d'acte de décès, par courrier postal", "Réclamation sur la collecte des déchets, par courrier postal"],
  site: [
    "Recherche des pièces à fournir pour un passeport sur le site internet",
    "Recherche des horaires d'ouverture et de l'accès à la mairie sur le site internet",
    "Démarche en ligne de demande d'acte d'état civil sur le site internet",
  ],
  reseaux_sociaux: [
    "Message privé sur la page Facebook au sujet de l'inscription à l'école",
    "Avis Google sur l'accueil de la mairie et suivi de la réponse",
    "Question en commentaire public sur des travaux de voirie",
  ],
  accueil_physique: [
    "Visite mystère à l'accueil : demande de renseignements pour une attestation d'accueil",
    "Visite mystère à l'accueil : renseignements sur un permis de construire",
  ],
};

const isoDate = (date: Date) => formatISO(date, { representation: "date" });

/** Audits are made on working days: a weekend date moves to the nearest weekday inside the window. */
function weekday(date: Date, start: Date, end: Date): Date {
  if (isSaturday(date)) return addDays(date, -1) >= start ? addDays(date, -1) : addDays(date, 2) <= end ? addDays(date, 2) : date;
  if (isSunday(date)) return addDays(date, 1) <= end ? addDays(date, 1) : addDays(date, -2) >= start ? addDays(date, -2) : date;
  return date;
}

export function auditSchedule(plan: AuditPlan, options: { withOnsiteVisit: boolean; startsOn: string; endsOn: string }): ScheduledAudit[] {
  const slots: { channel: ChannelCode; rank: number; fraction: number }[] = [];
  for (const channel of CHANNELS) {
    const count = channel === "accueil_physique" && !options.withOnsiteVisit ? 0 : Math.max(0, plan[channel] ?? 0);
    for (let rank = 0; rank < count; rank++) slots.push({ channel, rank, fraction: (rank + 0.5) / count });
  }
  const numbered = slots.map((slot, index) => ({ ...slot, number: index + 1 }));
  // Dates: each channel's audits spread over the whole window (not all telephone calls first),
  // evenly spaced in the order of their position within their channel.
  const start = parseISO(options.startsOn);
  const end = parseISO(options.endsOn);
  const span = Math.max(0, differenceInCalendarDays(end, start));
  const byDate = [...numbered].sort((a, b) => a.fraction - b.fraction || a.number - b.number);
  const plannedOn = new Map<number, string>();
  byDate.forEach((slot, index) => {
    const offset = byDate.length === 1 ? Math.round(span / 2) : Math.round((index * span) / (byDate.length - 1));
    plannedOn.set(slot.number, isoDate(weekday(addDays(start, offset), start, end)));
  });
  return numbered.map((slot) => {
    const scenarios = auditScenarios[slot.channel];
    return { number: slot.number, channel: slot.channel, scenario: scenarios[slot.rank % scenarios.length]!, plannedOn: plannedOn.get(slot.number)! };
  });
}
