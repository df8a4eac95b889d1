// The laureates' showcase: labels, order, addresses and the staff form's schema.
// Pure: safe on the client and the server.
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
export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

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

/** The file's columns: JSON key, CSV header, meaning (documented on /donnees). */
export const openDataColumns = [
  { key: "annee", label: "Année", description: "Année de l'édition du baromètre." },
  { key: "categorie", label: "Catégorie", description: "Catégorie du palmarès (par exemple « Mairies de plus de 50 000 habitants »)." },
  { key: "mention", label: "Mention", description: "Mention spéciale éventuelle (numérique, participation citoyenne, compétence accueil) ; vide sinon." },
  { key: "nom", label: "Nom", description: "Nom du lauréat." },
  { key: "lieu", label: "Lieu", description: "Commune, département ou région du lauréat." },
  { key: "resume", label: "Résumé", description: "Ce que le lauréat a fait, en une ou deux phrases." },
  { key: "url", label: "URL", description: "Adresse de la page du lauréat sur ce site." },
] as const;
