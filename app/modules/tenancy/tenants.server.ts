import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { db } from "../../../db/client";
import { memberships, tenants } from "../../../db/schema";
import { recordAudit } from "../audit-log/audit-log.server";
import { deriveCategory, type StructureKind } from "./categories";
import type { MemberRole } from "./permissions";
import { getTerritory, type TerritoryKind } from "./territories.server";

export type TenantSummary = { id: string; slug: string; name: string; role: MemberRole };

export async function listUserTenants(userId: string): Promise<TenantSummary[]> {
  return db()
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role })
    .from(memberships)
    .innerJoin(tenants, and(eq(tenants.id, memberships.tenantId), isNull(tenants.deletedAt)))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(tenants.name));
}

export async function findMembership(userId: string, slug: string) {
  const [row] = await db()
    .select({ tenant: tenants, role: memberships.role })
    .from(tenants)
    .innerJoin(memberships, and(eq(memberships.tenantId, tenants.id), eq(memberships.userId, userId)))
    .where(and(eq(tenants.slug, slug), isNull(tenants.deletedAt)))
    .limit(1);
  return row ?? null;
}

const territoryKindOf: Partial<Record<StructureKind, TerritoryKind>> = {
  commune: "commune",
  epci: "epci",
  departement: "departement",
  region: "region",
};

export type CreateTenantInput = { kind: StructureKind; territoryCode?: string; name: string; siret: string; slug: string };

/**
 * Creates a structure and makes its creator the owner. A structure that is a territory
 * (commune, EPCI, département, région) takes its codes and legal population from the
 * official administrative dataset; its barometer category is derived, never typed.
 */
type CreateTenantOutcome = { ok: true; tenant: typeof tenants.$inferSelect } | { ok: false; fieldErrors: Record<string, string[]> };

export async function createTenant(userId: string, input: CreateTenantInput): Promise<CreateTenantOutcome> {
  const territoryKind = territoryKindOf[input.kind];
  const territory = territoryKind && input.territoryCode ? getTerritory(territoryKind, input.territoryCode) : null;
  if (territoryKind && !territory) {
    return { ok: false, fieldErrors: { territoryCode: ["Choisissez votre collectivité dans la liste proposée."] } };
  }
  const population = territory?.population ?? null;
  try {
    const tenant = await db().transaction(async (tx) => {
      const [created] = await tx
        .insert(tenants)
        .values({
          slug: input.slug,
          name: input.name,
          kind: input.kind,
          category: deriveCategory(input.kind, population),
          siret: input.siret,
          territoryCode: territory?.code ?? null,
          population,
          departementCode: territory?.departementCode ?? null,
          departementName: territory?.departementName ?? null,
          regionCode: territory?.regionCode ?? null,
          regionName: territory?.regionName ?? null,
          createdBy: userId,
        })
        .returning();
      if (!created) throw new Error("tenant insert failed");
      await tx.insert(memberships).values({ tenantId: created.id, userId, role: "owner" });
      await recordAudit(tx, { tenantId: created.id, actorUserId: userId, action: "tenant.created", targetType: "tenant", targetId: created.id });
      return created;
    });
    return { ok: true, tenant };
  } catch (error) {
    if (isUniqueViolation(error)) {
      return { ok: false, fieldErrors: { slug: ["Cette adresse est déjà prise : choisissez-en une autre."] } };
    }
    throw error;
  }
}

export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if (typeof current === "object" && current !== null && "code" in current && (current as { code: unknown }).code === "23505") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export async function isSlugTaken(slug: string) {
  const [row] = await db().select({ one: sql`1` }).from(tenants).where(eq(tenants.slug, slug)).limit(1);
  return Boolean(row);
}
