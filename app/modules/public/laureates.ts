// The laureates' showcase: labels, order, addresses and the staff form's schema.
// Pure: safe on the client and the server.
import { z } from "zod";
import type { LaureateMention } from "../../../db/schema/showcase";
import { barometerCategories, barometerCategoryLabels, isBarometerCategory, type BarometerCategory } from "../tenancy/categories";
import { slugify } from "../tenancy/slug";

export const mentionLabels: Record<LaureateMention, string> = {
  numerique: "Mention numérique",
  participation_citoyenne: "Mention participation citoyenne",
  competence_accueil: "Mention compétence accueil",
};
export const laureateMentionKeys = Object.keys(mentionLabels) as LaureateMention[];

export function isLaureateMention(value: unknown): value is LaureateMention {
  return typeof value === "string" && (laureateMentionKeys as string[]).includes(value);
}

export function mentionLabel(mention: string | null | undefined): string | null {
  return isLaureateMention(mention) ? mentionLabels[mention] : null;
}

/** The public label of a barometer category; an unknown key (older data) shows as stored. */
export function categoryLabel(category: string): string {
  return isBarometerCategory(category) ? barometerCategoryLabels[category] : category;
}

/** Rank in the barometer's category order (town halls by size first); unknown keys last. */
export function categoryRank(category: string): number {
  const index = (barometerCategories as readonly string[]).indexOf(category);
  return index === -1 ? barometerCategories.length : index;
}

type Groupable = { category: string; position: number; name: string };

/** Laureates grouped by category in the barometer's order; inside a category by position, then name. */
export function groupByCategory<T extends Groupable>(rows: readonly T[]): { category: string; label: string; laureates: T[] }[] {
  const sorted = [...rows].sort(
    (a, b) => categoryRank(a.category) - categoryRank(b.category) || a.category.localeCompare(b.category) || a.position - b.position || a.name.localeCompare(b.name, "fr"),
  );
  const groups: { category: string; label: string; laureates: T[] }[] = [];
  for (const row of sorted) {
    const last = groups.at(-1);
    if (last && last.category === row.category) last.laureates.push(row);
    else groups.push({ category: row.category, label: categoryLabel(row.category), laureates: [row] });
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Addresses

export const SLUG_MAX = 60;
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A laureate's slug: lowercase letters, digits and single hyphens, 60 characters at most. */
export function isValidLaureateSlug(slug: string): boolean {
  return slug.length <= SLUG_MAX && slugPattern.test(slug);
}

/** "Ville de Villeurbanne" → "villeurbanne": the slug the form proposes (the usual "Ville de" prefix dropped). */
export function proposeLaureateSlug(name: string): string {
  const short = name.trim().replace(/^(ville|commune|mairie)\s+(de\s+la\s+|de\s+l['’]|de\s+|d['’]|du\s+|des\s+)/i, "");
  return slugify(short) || slugify(name);
}

export const FIRST_YEAR = 2012;
export const LAST_YEAR = 2100;

/** "/laureats/2020" → 2020; anything else (letters, 3 digits, out of range) → null (a 404). */
export function parseLaureateYear(value: string | undefined): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= FIRST_YEAR && year <= LAST_YEAR ? year : null;
}

export function laureateYearPath(year: number): string {
  return `/laureats/${year}`;
}

export function laureatePath(laureate: { year: number; slug: string }): string {
  return `/laureats/${laureate.year}/${laureate.slug}`;
}

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>`, `&` and the line separators escaped
 * as \u sequences, so a name holding "</script>" cannot close the element.
 */
export function jsonLdText(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

// ---------------------------------------------------------------------------------------------
// The staff form: one schema for the browser (Conform) and the server.

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

// ---------------------------------------------------------------------------------------------
// Page metadata of the showcase's public pages (title, description, OpenGraph, Twitter, canonical).

export const SITE_NAME = "Baromètre Expérience Citoyen";

export function showcaseMeta(page: { title: string; description: string; canonical: string; type?: "website" | "article" }) {
  const title = `${page.title} | ${SITE_NAME}`;
  return [
    { title },
    { name: "description", content: page.description },
    { property: "og:title", content: page.title },
    { property: "og:description", content: page.description },
    { property: "og:type", content: page.type ?? "website" },
    { property: "og:url", content: page.canonical },
    { property: "og:site_name", content: SITE_NAME },
    { property: "og:locale", content: "fr_FR" },
    { name: "twitter:card", content: "summary" },
    { name: "twitter:title", content: page.title },
    { name: "twitter:description", content: page.description },
    { tagName: "link", rel: "canonical", href: page.canonical },
  ];
}

/** The structure owner's consent form (/t/:tenant/vitrine): a checked box gives it, unchecked withdraws it. */
export const showcaseConsentSchema = z.object({
  intent: z.literal("consent", { error: "Action inconnue." }),
  consent: z.enum(["oui"], { error: "Valeur inattendue pour l'accord." }).optional(),
});
