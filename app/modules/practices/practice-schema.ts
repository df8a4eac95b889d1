// The staff form of a good practice and the vocabularies it is tagged with: one zod schema for
// the browser (Conform) and the server. Pure: safe on the client and the server.
import { isValid, parseISO } from "date-fns";
import { z } from "~/utils/zod";

export * from "./practice-labels";
import { practiceChannels, practiceDeterminants, practiceKinds, practiceThemes } from "./practice-labels";

const text = (max: number, missing: string) => z.string({ error: missing }).trim().min(1, missing).max(max, `${max} caractères au plus.`);
const optionalText = (max: number) => z.string().trim().max(max, `${max} caractères au plus.`).optional();
const tags = <T extends string>(allowed: readonly T[], message: string) =>
  z
    .array(z.enum(allowed as [T, ...T[]], { error: message }))
    .optional()
    .transform((values) => [...new Set(values ?? [])]);

export const practiceSchema = z.object({
  number: z.coerce.number({ error: "Indiquez le numéro." }).int("Un numéro entier.").min(1, "Le premier numéro est 1."),
  title: text(160, "Indiquez le titre."),
  summary: text(400, "Indiquez le résumé."),
  body: text(20_000, "Rédigez la bonne pratique."),
  themes: tags(practiceThemes, "Thème inconnu."),
  determinants: tags(practiceDeterminants, "Déterminant inconnu."),
  channels: tags(practiceChannels, "Canal inconnu."),
  structureKinds: tags(practiceKinds, "Type de structure inconnu."),
  sourceName: optionalText(160),
  laureateYear: z.coerce.number({ error: "Année entre 2008 et 2100." }).int("Année entre 2008 et 2100.").min(2008, "Année entre 2008 et 2100.").max(2100, "Année entre 2008 et 2100.").optional(),
  illustrationUrl: z
    .string()
    .trim()
    // Same-site only: the Content-Security-Policy allows images from this site (img-src 'self').
    .regex(/^\/(?!\/)\S+$/, "Un chemin sur ce site, commençant par / (par exemple /illustrations/accueil.jpg).")
    .optional(),
  illustrationAlt: optionalText(300),
  /** Day of publication (at 09:00, Paris); empty = draft. */
  publishOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Indiquez la date au format AAAA-MM-JJ.")
    .refine((value) => isValid(parseISO(value)), "Cette date n'existe pas.")
    .optional(),
}).superRefine((value, ctx) => {
  if (value.illustrationUrl && !value.illustrationAlt)
    ctx.addIssue({ code: "custom", path: ["illustrationAlt"], message: "Décrivez l'illustration (texte alternatif), pour les lecteurs d'écran." });
});

export type PracticeValues = z.infer<typeof practiceSchema>;
