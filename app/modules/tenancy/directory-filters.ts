import { z } from "~/utils/zod";
import { barometerCategories, type BarometerCategory } from "./categories";

/** A département code as INSEE writes it: "01"…"95", "2A", "2B", "971"…"976". */
const departementCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(\d{2,3}|2[AB])$/)
  .optional()
  .catch(undefined);

/** The structures directory's GET filters, shared by the page and its CSV export; a wrong value is ignored, never an error. */
export const directoryFiltersSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  departement: departementCode,
  categorie: z.enum(barometerCategories).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export type DirectoryFilters = { query: string; departement?: string; category?: BarometerCategory };

export function parseDirectoryFilters(searchParams: URLSearchParams): { filters: DirectoryFilters; page: number } {
  const { q, departement, categorie, page } = directoryFiltersSchema.parse(Object.fromEntries(searchParams));
  return { filters: { query: q, departement, category: categorie }, page };
}

/** The filters back as URL parameters (empty ones left out), for page links and the CSV export. */
export function directoryFilterParams(filters: DirectoryFilters, page?: number): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.query) params.set("q", filters.query);
  if (filters.departement) params.set("departement", filters.departement);
  if (filters.category) params.set("categorie", filters.category);
  if (page && page > 1) params.set("page", String(page));
  return params;
}

/**
 * What a searched text may be, besides a part of a name: a département code ("69", "2a", "1" for
 * "01"), a territory code (INSEE code of a commune such as "69123" or "2A004", SIREN of an EPCI),
 * and a SIRET or SIREN prefix (4 digits at least, spaces ignored: shorter ones would mostly
 * match départements by chance).
 */
export function searchCodes(query: string) {
  const compact = query.replace(/\s/g, "").toUpperCase();
  const departement = /^\d$/.test(compact) ? `0${compact}` : /^(\d{2,3}|2[AB])$/.test(compact) ? compact : null;
  const territory = /^[0-9][0-9AB][0-9]{3}$|^\d{9}$/.test(compact) ? compact : null;
  const siretPrefix = /^\d{4,14}$/.test(compact) ? compact : null;
  return { departement, territory, siretPrefix };
}
