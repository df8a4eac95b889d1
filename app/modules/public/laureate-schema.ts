// The staff form of a laureate and the structure owner's consent form: one zod schema each for
// the browser (Conform) and the server. Kept apart from laureates.ts so the public pages ship no zod.
import { z } from "~/utils/zod";
import type { LaureateMention } from "../../../db/schema/showcase";
import { barometerCategories, type BarometerCategory } from "../tenancy/categories";
import { FIRST_YEAR, LAST_YEAR, laureateMentionKeys, proposeLaureateSlug, SLUG_MAX, slugPattern } from "./laureates";


const text = (max: number, missing: string) => z.string({ error: missing }).trim().min(1, missing).max(max, `${max} caractères au plus.`);
const uuid = (message: string) => z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, message);

export const laureateSchema = z.object({
  year: z.coerce
    .number({ error: "Indiquez l'année de l'édition." })
    .int("Une année entière, par exemple 2023.")
    .min(FIRST_YEAR, `Année entre ${FIRST_YEAR} et ${LAST_YEAR}.`)
    .max(LAST_YEAR, `Année entre ${FIRST_YEAR} et ${LAST_YEAR}.`),
  category: z.enum(barometerCategories as unknown as [BarometerCategory, ...BarometerCategory[]], { error: "Choisissez la catégorie du palmarès." }),
  mention: z.enum(laureateMentionKeys as [LaureateMention, ...LaureateMention[]], { error: "Mention inconnue." }).optional(),
  name: text(160, "Indiquez le nom du lauréat."),
  /** Empty: proposed from the name (see `slugOf`). */
  slug: z
    .string()
    .trim()
    .max(SLUG_MAX, `${SLUG_MAX} caractères au plus.`)
    .regex(slugPattern, "Lettres minuscules sans accent, chiffres et tirets simples, par exemple « les-sables-d-olonne ».")
    .optional(),
  place: z.string().trim().max(160, "160 caractères au plus.").optional(),
  summary: text(400, "Indiquez le résumé (une ou deux phrases)."),
  story: text(20_000, "Rédigez le récit du lauréat."),
  practiceIds: z
    .array(uuid("Bonne pratique inconnue."))
    .optional()
    .transform((values) => [...new Set(values ?? [])]),
  linkedTenantId: uuid("Structure inconnue.").optional(),
  position: z.coerce.number({ error: "Indiquez un ordre (0 par défaut)." }).int("Un nombre entier.").min(0, "Entre 0 et 999.").max(999, "Entre 0 et 999.").default(0),
});

export type LaureateValues = z.infer<typeof laureateSchema>;

/** The address slug of the form's values: the one typed, or else the one proposed from the name. */
export function slugOf(values: { slug?: string | undefined; name: string }): string {
  return values.slug || proposeLaureateSlug(values.name);
}

/** The structure owner's consent form (/t/:tenant/vitrine): a checked box gives it, unchecked withdraws it. */
export const showcaseConsentSchema = z.object({
  intent: z.literal("consent", { error: "Action inconnue." }),
  consent: z.enum(["oui"], { error: "Valeur inattendue pour l'accord." }).optional(),
});

