import { and, asc, eq, ilike, isNotNull, isNull, like, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { db } from "../../../db/client";
import { memberships, tenants } from "../../../db/schema";
import { escapeLike } from "~/utils/like";
import { recordAudit } from "../audit-log/audit-log.server";
import { foldAccents } from "../practices/search";
import type { BarometerCategory } from "./categories";
import { searchCodes, type DirectoryFilters } from "./directory-filters";

export const DIRECTORY_PAGE_SIZE = 50;

const accented = "àâäáãåçéèêëíìîïñóòôöõúùûüýÿÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸ";
const plain = "aaaaaaceeeeiiiinooooouuuuyyAAAAAACEEEEIIIINOOOOOUUUUYY";

/** A text column without its accents (done in SQL so PostgreSQL and PGlite agree without `unaccent`), to ILIKE a folded query. */
function folded(column: SQLWrapper) {
  return sql`replace(replace(translate(${column}, ${accented}, ${plain}), 'œ', 'oe'), 'æ', 'ae')`;
}

/**
 * The directory's WHERE: `query` matches a part of the name or of the département's name (accents
 * and case ignored), a part of the slug, a département code, a territory code (INSEE code of a
 * commune, SIREN of an EPCI) or the start of the SIRET; `departement` and `category` narrow it.
 * LIKE wildcards typed by staff are searched for, never interpreted.
 */
function directoryWhere({ query, departement, category }: Partial<DirectoryFilters>) {
  // A deleted structure (personal data erased, invoices kept) leaves the directory and its search.
  const conditions: (SQL | undefined)[] = [isNull(tenants.deletedAt)];
  const text = (query ?? "").trim();
  if (text) {
    const pattern = `%${escapeLike(foldAccents(text))}%`;
    const codes = searchCodes(text);
    conditions.push(
      or(
        ilike(folded(tenants.name), pattern),
        ilike(tenants.slug, `%${escapeLike(text)}%`),
        ilike(folded(sql`coalesce(${tenants.departementName}, '')`), pattern),
        codes.departement ? eq(tenants.departementCode, codes.departement) : undefined,
        codes.territory ? eq(sql`upper(${tenants.territoryCode})`, codes.territory) : undefined,
        codes.siretPrefix ? like(tenants.siret, `${codes.siretPrefix}%`) : undefined,
      ),
    );
  }
  if (departement) conditions.push(eq(tenants.departementCode, departement));
  if (category) conditions.push(eq(tenants.category, category));
  return and(...conditions);
}

const directoryColumns = {
  id: tenants.id,
  slug: tenants.slug,
  name: tenants.name,
  kind: tenants.kind,
  category: tenants.category,
  siret: tenants.siret,
  territoryCode: tenants.territoryCode,
  population: tenants.population,
  departementCode: tenants.departementCode,
  departementName: tenants.departementName,
  regionName: tenants.regionName,
  createdAt: tenants.createdAt,
  members: sql<number>`count(${memberships.userId})::int`,
};

function directoryQuery(filters: Partial<DirectoryFilters>) {
  return db()
    .select(directoryColumns)
    .from(tenants)
    .leftJoin(memberships, eq(memberships.tenantId, tenants.id))
    .where(directoryWhere(filters))
    .groupBy(tenants.id)
    .orderBy(asc(tenants.name), asc(tenants.id));
}

/**
 * Structures for AFNOR staff (system context, no tenant filter by design), by name, a page at a
 * time, filtered as `directoryWhere` says.
 */
export async function listAllTenants({ page = 1, ...filters }: Partial<DirectoryFilters> & { page?: number } = {}) {
  const [rows, [count]] = await Promise.all([
    directoryQuery(filters)
      .limit(DIRECTORY_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * DIRECTORY_PAGE_SIZE),
    db().select({ total: sql<number>`count(*)::int` }).from(tenants).where(directoryWhere(filters)),
  ]);
  return { rows, total: count?.total ?? 0 };
}

/** Every structure matching the filters, by name: the directory's CSV export. */
export async function listAllTenantsForExport(filters: Partial<DirectoryFilters> = {}) {
  return directoryQuery(filters);
}

/** The départements that have at least one structure, by code ("01" … "19", "2A", "2B", "21" … "976"), for the filter. */
export async function listTenantDepartements() {
  const rows = await db()
    .selectDistinct({ code: tenants.departementCode, name: tenants.departementName })
    .from(tenants)
    .where(and(isNotNull(tenants.departementCode), isNull(tenants.deletedAt)));
  return rows
    .map((row) => ({ code: row.code!, name: row.name ?? row.code! }))
    .sort((a, b) => a.code.localeCompare(b.code, "fr", { numeric: true }));
}

/** Staff correct a structure's barometer category (it is otherwise derived, never typed by members). */
export async function setTenantCategory(actorUserId: string, tenantId: string, category: BarometerCategory) {
  return db().transaction(async (tx) => {
    const [before] = await tx.select({ category: tenants.category }).from(tenants).where(eq(tenants.id, tenantId)).for("update");
    if (!before) return false;
    await tx.update(tenants).set({ category }).where(eq(tenants.id, tenantId));
    await recordAudit(tx, {
      tenantId,
      actorUserId,
      action: "tenant.category_changed",
      targetType: "tenant",
      targetId: tenantId,
      details: { from: before.category, to: category },
    });
    return true;
  });
}
