import { z } from "~/utils/zod";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().catch(undefined);
const text = z.string().trim().max(100).optional().catch(undefined);

/** The journal's GET filters, shared by the page and its CSV export; a wrong value is ignored, never an error. */
export const auditFiltersSchema = z.object({
  structure: text,
  actor: text,
  action: text,
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export function parseAuditFilters(searchParams: URLSearchParams) {
  const { actor, page, ...rest } = auditFiltersSchema.parse(Object.fromEntries(searchParams));
  return { filters: { ...rest, actorEmail: actor || undefined, structure: rest.structure || undefined, action: rest.action || undefined }, page };
}
