// The staff forms of the offer catalogue (an offer, a training session): one zod schema for the
// browser (Conform) and the server. Pure: safe on the client and the server.
import { isValid, parseISO } from "date-fns";
import { z } from "~/utils/zod";
import type { OfferKind } from "../../../db/schema/offers";
import { formatEuros } from "~/utils/format";
import { formatEurosInput, parseEuros } from "../editions/edition-schema";

/** The kinds of offer, in ladder order (the same list as the schema's, without importing drizzle in the browser). */
export const offerKindNames = ["diagnostic", "formation", "diagnostic_flash", "certification"] as const satisfies readonly OfferKind[];

export const offerKindLabels: Record<OfferKind, string> = {
  diagnostic: "Diagnostic interne",
  formation: "Formation",
  diagnostic_flash: "Diagnostic flash",
  certification: "Certification ou label",
};

/** The place of a remote session, as the tenant catalogue shows it. */
export const REMOTE_PLACE = "À distance";
export const MAX_SEATS = 200;
export const MAX_POSITION = 999;

/** "formation-accueil-telephonique": lower-case letters and digits, words joined by single hyphens. */
export const OFFER_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const PRICE_MESSAGE = "Montant invalide : écrivez par exemple 1 250 ou 1 250,50, ou laissez vide pour « sur devis ».";

const text = (max: number, missing: string) => z.string({ error: missing }).trim().min(1, missing).max(max, `${max} caractères au plus.`);

/** The form's fields as typed (Conform reads its HTML constraints here). */
export const offerFieldsSchema = z.object({
  code: z
    .string({ error: "Indiquez le code de l'offre." })
    .trim()
    .toLowerCase()
    .min(3, "Le code compte au moins 3 caractères.")
    .max(60, "60 caractères au plus.")
    .regex(OFFER_CODE_PATTERN, "Le code s'écrit en minuscules sans accents, chiffres et tirets, par exemple formation-accueil-telephonique."),
  kind: z.enum(offerKindNames, { error: "Choisissez le type d'offre." }),
  title: text(160, "Indiquez le titre de l'offre."),
  description: text(4000, "Décrivez l'offre."),
  benefits: text(2000, "Indiquez ce que l'offre apporte à la structure."),
  duration: text(160, "Indiquez la durée, par exemple « 1 jour (7 heures) »."),
  /** Euros HT as typed ("1 250", "1 250,50"); empty means "sur devis". */
  price: z
    .string()
    .trim()
    .refine((value) => value === "" || parseEuros(value) !== null, PRICE_MESSAGE)
    .optional(),
  prerequisites: text(1000, "Indiquez les prérequis, ou « Aucun »."),
  position: z
    .number({ error: "Indiquez la position dans le catalogue (0 à 999)." })
    .int("Indiquez une position entière.")
    .min(0, "La position va de 0 à 999.")
    .max(MAX_POSITION, "La position va de 0 à 999."),
  active: z.boolean().default(false),
});

/** An offer once the form is read: the price in cents HT, null when it is "sur devis". */
export type OfferValues = Omit<z.output<typeof offerFieldsSchema>, "price"> & { priceHtCents: number | null };

export const offerSchema = offerFieldsSchema.transform(({ price, ...rest }): OfferValues => ({ ...rest, priceHtCents: price ? parseEuros(price) : null }));

/** The rules again, for callers that did not go through the form. */
export function offerRuleIssues(values: OfferValues): { path: [keyof OfferValues]; message: string }[] {
  const issues: { path: [keyof OfferValues]; message: string }[] = [];
  if (!OFFER_CODE_PATTERN.test(values.code)) issues.push({ path: ["code"], message: "Le code s'écrit en minuscules sans accents, chiffres et tirets." });
  if (values.priceHtCents !== null && (!Number.isInteger(values.priceHtCents) || values.priceHtCents < 0)) issues.push({ path: ["priceHtCents"], message: "Le prix ne peut pas être négatif." });
  if (!Number.isInteger(values.position) || values.position < 0 || values.position > MAX_POSITION) issues.push({ path: ["position"], message: "La position va de 0 à 999." });
  return issues;
}

const isoDate = (label: string) =>
  z
    .string({ error: `Indiquez la date ${label}.` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `Indiquez la date ${label} au format AAAA-MM-JJ.`, abort: true })
    .refine((value) => isValid(parseISO(value)), `La date ${label} n'existe pas.`);

export const sessionFieldsSchema = z.object({
  startsOn: isoDate("de début"),
  endsOn: isoDate("de fin"),
  remote: z.boolean().default(false),
  place: z.string().trim().max(120, "120 caractères au plus.").optional(),
  seats: z
    .number({ error: `Indiquez le nombre de places (1 à ${MAX_SEATS}).` })
    .int("Indiquez un nombre entier de places.")
    .min(1, `Une session compte de 1 à ${MAX_SEATS} places.`)
    .max(MAX_SEATS, `Une session compte de 1 à ${MAX_SEATS} places.`),
});

/** A session once the form is read: a remote session's place is "À distance". */
export type SessionValues = { startsOn: string; endsOn: string; remote: boolean; place: string; seats: number };

/** The rules that span fields; the server module checks them again before writing. */
export function sessionRuleIssues(values: { startsOn: string; endsOn: string; remote: boolean; place?: string; seats: number }) {
  const issues: { path: [keyof SessionValues]; message: string }[] = [];
  // ISO dates (YYYY-MM-DD) compare as strings.
  if (values.endsOn < values.startsOn) issues.push({ path: ["endsOn"], message: "La fin de la session ne peut pas précéder son début." });
  if (!values.remote && !values.place?.trim()) issues.push({ path: ["place"], message: "Indiquez la ville de la session, ou cochez « À distance »." });
  if (!Number.isInteger(values.seats) || values.seats < 1 || values.seats > MAX_SEATS) issues.push({ path: ["seats"], message: `Une session compte de 1 à ${MAX_SEATS} places.` });
  return issues;
}

export const sessionSchema = sessionFieldsSchema
  .superRefine((values, ctx) => {
    for (const issue of sessionRuleIssues(values)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  })
  .transform(({ place, ...rest }): SessionValues => ({ ...rest, place: rest.remote ? REMOTE_PLACE : (place ?? "") }));

/** Editing a session: the same fields, and which session. */
export const sessionEditFieldsSchema = sessionFieldsSchema.extend({ sessionId: z.uuid({ error: "Session inconnue." }) });
export const sessionEditSchema = sessionEditFieldsSchema
  .superRefine((values, ctx) => {
    for (const issue of sessionRuleIssues(values)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  })
  .transform(({ place, sessionId, ...rest }): SessionValues & { sessionId: string } => ({ ...rest, sessionId, place: rest.remote ? REMOTE_PLACE : (place ?? "") }));

/** An offer's price as staff and structures read it. */
export function priceLabel(cents: number | null) {
  return cents === null ? "Sur devis" : `${formatEuros(cents)} HT`;
}

/** The offer form's initial values: an existing offer, or a blank one placed at `position`. */
export function offerFormDefaults(offer: (Omit<OfferValues, "active"> & { active: boolean }) | null, position = 0) {
  return {
    code: offer?.code ?? "",
    kind: offer?.kind ?? "",
    title: offer?.title ?? "",
    description: offer?.description ?? "",
    benefits: offer?.benefits ?? "",
    duration: offer?.duration ?? "",
    price: offer?.priceHtCents === null || offer?.priceHtCents === undefined ? "" : formatEurosInput(offer.priceHtCents),
    prerequisites: offer?.prerequisites ?? "",
    position: String(offer?.position ?? position),
    active: offer ? (offer.active ? "on" : "") : "on",
  };
}

/** A session form's initial values. */
export function sessionFormDefaults(session: { id: string; startsOn: string; endsOn: string; remote: boolean; place: string; seats: number }) {
  return { sessionId: session.id, startsOn: session.startsOn, endsOn: session.endsOn, remote: session.remote ? "on" : "", place: session.remote ? "" : session.place, seats: String(session.seats) };
}
