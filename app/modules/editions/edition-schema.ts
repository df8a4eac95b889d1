// The staff form of an edition: one zod schema for the browser (Conform) and the server.
// Pure: safe on the client and the server.
import { addYears, formatISO, isValid, parseISO } from "date-fns";
import { z } from "~/utils/zod";
import type { AuditPlan } from "../../../db/schema/editions";
import { barometerCategories, type BarometerCategory } from "../tenancy/categories";
import { channelLabels } from "./audit-plan";

export const AUDITS_PER_EDITION = 13;

export const auditChannels = Object.keys(channelLabels) as (keyof AuditPlan)[];

/**
 * Euros as staff type them in French ("450", "450,00", "1 490,50", "1 490 €") → integer cents,
 * or null when it is not an amount. A dot is accepted as decimal separator, never as a
 * thousands separator ("1.490" would be ambiguous).
 */
export function parseEuros(text: string): number | null {
  const compact = text.replace(/\s/g, "").replace(/€$/, "");
  const match = /^(\d{1,7})(?:[,.](\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** Cents → the French amount a staff member would type: "1 490" or "1 490,50" (no currency sign). */
export function formatEurosInput(cents: number): string {
  const fractionDigits = cents % 100 === 0 ? 0 : 2;
  return new Intl.NumberFormat("fr-FR", { minimumFractionDigits: fractionDigits, maximumFractionDigits: 2 }).format(cents / 100);
}

const isoDate = (label: string) =>
  z
    .string({ error: `Indiquez la date ${label}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `Indiquez la date ${label} au format AAAA-MM-JJ.`, abort: true })
    .refine((value) => isValid(parseISO(value)), `La date ${label} n'existe pas.`);

const text = (max: number, missing: string) => z.string({ error: missing }).trim().min(1, missing).max(max, `${max} caractères au plus.`);

const euros = ({ positive }: { positive: boolean }) =>
  z.string({ error: positive ? "Indiquez un prix." : "Indiquez un prix (0 si l'option est gratuite)." }).transform((value, ctx) => {
    const cents = parseEuros(value);
    if (cents === null) {
      ctx.addIssue({ code: "custom", message: "Montant invalide : écrivez par exemple 1 490 ou 1 490,50." });
      return z.NEVER;
    }
    if (positive && cents === 0) {
      ctx.addIssue({ code: "custom", message: "Le prix doit être supérieur à 0 €." });
      return z.NEVER;
    }
    return cents;
  });

const channelCount = z
  .number({ error: "Indiquez un nombre d'audits (0 à 13)." })
  .int("Indiquez un nombre entier d'audits.")
  .min(0, "Le nombre d'audits ne peut pas être négatif.")
  .max(AUDITS_PER_EDITION, "13 audits au plus par canal.");

const auditPlanFields = z.object(Object.fromEntries(auditChannels.map((channel) => [channel, channelCount])) as Record<keyof AuditPlan, typeof channelCount>);

const priceFields = z.object(
  Object.fromEntries(barometerCategories.map((category) => [category, euros({ positive: true })])) as Record<BarometerCategory, ReturnType<typeof euros>>,
);

/** What an edition is, once the form is read: amounts in cents HT. */
export type EditionValues = {
  year: number;
  number: number;
  title: string;
  enrolmentOpensOn: string;
  enrolmentClosesOn: string;
  auditStartsOn: string;
  auditEndsOn: string;
  publicationOn: string;
  referentialVersion: string;
  termsVersion: string;
  auditPlan: AuditPlan;
  onsiteVisitOptional: boolean;
  onsiteVisitPriceCents: number;
  pricesHtCents: Record<BarometerCategory, number>;
};

export type EditionRuleIssue = { path: [keyof EditionValues]; message: string };

/**
 * The rules that span several fields (plan total, calendar order). The form checks them, and the
 * server module checks them again before writing, whoever calls it.
 */
export function editionRuleIssues(
  values: Pick<EditionValues, "auditPlan" | "enrolmentOpensOn" | "enrolmentClosesOn" | "auditStartsOn" | "auditEndsOn" | "publicationOn">,
): EditionRuleIssue[] {
  const issues: EditionRuleIssue[] = [];
  const total = auditChannels.reduce((sum, channel) => sum + (values.auditPlan[channel] ?? 0), 0);
  if (total !== AUDITS_PER_EDITION) {
    issues.push({ path: ["auditPlan"], message: `Le plan d'audit doit totaliser exactement 13 audits (il en compte ${total}).` });
  }
  // ISO dates (YYYY-MM-DD) compare as strings.
  if (values.enrolmentClosesOn < values.enrolmentOpensOn) {
    issues.push({ path: ["enrolmentClosesOn"], message: "La clôture des inscriptions ne peut pas précéder leur ouverture." });
  }
  if (values.auditStartsOn <= values.enrolmentClosesOn) {
    issues.push({ path: ["auditStartsOn"], message: "Les audits commencent après la clôture des inscriptions." });
  }
  if (values.auditEndsOn < values.auditStartsOn) {
    issues.push({ path: ["auditEndsOn"], message: "La fin des audits ne peut pas précéder leur début." });
  }
  if (values.publicationOn < values.auditEndsOn) {
    issues.push({ path: ["publicationOn"], message: "La publication des résultats ne peut pas précéder la fin des audits." });
  }
  return issues;
}

/** The form's fields as typed, before the rules that span fields (Conform reads its HTML constraints here). */
export const editionFieldsSchema = z.object({
  year: z
    .number({ error: "Indiquez l'année de l'édition." })
    .int("Indiquez une année sur 4 chiffres.")
    .min(2012, "L'année doit être comprise entre 2012 et 2100.")
    .max(2100, "L'année doit être comprise entre 2012 et 2100."),
  number: z.number({ error: "Indiquez le numéro de l'édition." }).int("Indiquez un numéro entier.").min(1, "Le numéro de l'édition commence à 1."),
  title: text(120, "Indiquez le titre de l'édition."),
  enrolmentOpensOn: isoDate("d'ouverture des inscriptions"),
  enrolmentClosesOn: isoDate("de clôture des inscriptions"),
  auditStartsOn: isoDate("de début des audits"),
  auditEndsOn: isoDate("de fin des audits"),
  publicationOn: isoDate("de publication des résultats"),
  referentialVersion: text(40, "Indiquez la version du référentiel."),
  termsVersion: text(40, "Indiquez la version des conditions générales de vente."),
  auditPlan: auditPlanFields,
  onsiteVisitOptional: z.boolean().default(false),
  onsiteVisitPrice: euros({ positive: false }),
  prices: priceFields,
});

export const editionSchema = editionFieldsSchema
  .transform(({ onsiteVisitPrice, prices, ...rest }): EditionValues => ({ ...rest, onsiteVisitPriceCents: onsiteVisitPrice, pricesHtCents: prices }))
  .superRefine((values, ctx) => {
    for (const issue of editionRuleIssues(values)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  });

type EditionLike = Omit<EditionValues, "pricesHtCents"> & { pricesHtCents: Partial<Record<BarometerCategory, number>> };

/** The form's initial values for an edition (amounts shown in French, as staff type them). */
export function editionFormDefaults(edition: EditionLike) {
  return {
    year: edition.year,
    number: edition.number,
    title: edition.title,
    enrolmentOpensOn: edition.enrolmentOpensOn,
    enrolmentClosesOn: edition.enrolmentClosesOn,
    auditStartsOn: edition.auditStartsOn,
    auditEndsOn: edition.auditEndsOn,
    publicationOn: edition.publicationOn,
    referentialVersion: edition.referentialVersion,
    termsVersion: edition.termsVersion,
    auditPlan: edition.auditPlan,
    onsiteVisitOptional: edition.onsiteVisitOptional,
    onsiteVisitPrice: formatEurosInput(edition.onsiteVisitPriceCents),
    prices: Object.fromEntries(
      barometerCategories.map((category) => {
        const cents = edition.pricesHtCents[category];
        return [category, cents === undefined ? "" : formatEurosInput(cents)];
      }),
    ) as Record<BarometerCategory, string>,
  };
}

const shiftOneYear = (isoDay: string) => formatISO(addYears(parseISO(isoDay), 1), { representation: "date" });

/** A new edition proposed from the latest one: next year, same plan and prices, calendar moved by a year. */
export function nextEditionFrom(latest: EditionLike): EditionLike {
  const year = latest.year + 1;
  return {
    year,
    number: latest.number + 1,
    title: `Baromètre Expérience Citoyen ${year}`,
    enrolmentOpensOn: shiftOneYear(latest.enrolmentOpensOn),
    enrolmentClosesOn: shiftOneYear(latest.enrolmentClosesOn),
    auditStartsOn: shiftOneYear(latest.auditStartsOn),
    auditEndsOn: shiftOneYear(latest.auditEndsOn),
    publicationOn: shiftOneYear(latest.publicationOn),
    referentialVersion: `${year}.1`,
    termsVersion: `CGV-${year}-01`,
    auditPlan: { ...latest.auditPlan },
    onsiteVisitOptional: latest.onsiteVisitOptional,
    onsiteVisitPriceCents: latest.onsiteVisitPriceCents,
    pricesHtCents: { ...latest.pricesHtCents },
  };
}
