import { and, asc, desc, eq, isNotNull, lte, or } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { laureates, practices, tenants } from "../../../db/schema";
import { recordAudit } from "../audit-log/audit-log.server";
import { SERIES } from "../practices/document.server";
import { renderPracticeMarkdown } from "../practices/markdown";
import { isUniqueViolation } from "../tenancy/tenants.server";
import { slugOf, type LaureateValues } from "./laureate-schema";
import { categoryLabel, laureatePath, mentionLabel } from "./laureates";
import { publishedPracticesAmong } from "./laureates.server";

/*
 * The back-office side of the showcase: AFNOR staff write laureates (drafts until published),
 * link them to published practices and, only with its consent, to a structure of the portal.
 */

export type Laureate = typeof laureates.$inferSelect;

export const NO_CONSENT_MESSAGE =
  "Cette structure n'a pas donné son accord pour figurer sur les pages publiques des lauréats : elle ne peut pas être liée.";

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** Every laureate, drafts included, by edition (latest first) then category order and position. */
export async function listLaureatesForStaff() {
  const rows = await db()
    .select({
      id: laureates.id,
      year: laureates.year,
      category: laureates.category,
      mention: laureates.mention,
      name: laureates.name,
      slug: laureates.slug,
      position: laureates.position,
      publishedAt: laureates.publishedAt,
      linkedTenantId: laureates.linkedTenantId,
      structureName: tenants.name,
      consentAt: tenants.showcaseConsentAt,
    })
    .from(laureates)
    .leftJoin(tenants, eq(tenants.id, laureates.linkedTenantId))
    .orderBy(desc(laureates.year), asc(laureates.position), asc(laureates.name));
  return rows.map((row) => ({
    ...row,
    categoryLabel: categoryLabel(row.category),
    mentionLabel: mentionLabel(row.mention),
    url: laureatePath(row),
    /** Published, and not hidden by a withdrawn consent. */
    isPublic: row.publishedAt !== null && (row.linkedTenantId === null || row.consentAt !== null),
  }));
}

export async function getLaureateForStaff(id: string | undefined) {
  if (!id || !isUuid(id)) return null;
  const [row] = await db().select().from(laureates).where(eq(laureates.id, id));
  return row ?? null;
}

/**
 * The form's choices: published practices (newest first) and the structures that consent, by name.
 * `keepTenantId`: the entry's current structure, listed even if its consent was withdrawn since.
 */
export async function laureateFormOptions(keepTenantId: string | null = null, now = new Date()) {
  const [practiceOptions, structures] = await Promise.all([
    db()
      .select({ id: practices.id, number: practices.number, title: practices.title })
      .from(practices)
      .where(and(eq(practices.series, SERIES), lte(practices.publishAt, now)))
      .orderBy(desc(practices.number)),
    db()
      .select({ id: tenants.id, name: tenants.name, slug: tenants.slug, consentAt: tenants.showcaseConsentAt })
      .from(tenants)
      .where(keepTenantId ? or(isNotNull(tenants.showcaseConsentAt), eq(tenants.id, keepTenantId)) : isNotNull(tenants.showcaseConsentAt))
      .orderBy(asc(tenants.name)),
  ]);
  return {
    practices: practiceOptions,
    structures: structures.map(({ consentAt, ...structure }) => ({ ...structure, withdrawn: consentAt === null })),
  };
}

export type LaureateFormDefaults = {
  year: string;
  category: string;
  mention: string;
  name: string;
  slug: string;
  place: string;
  summary: string;
  story: string;
  practiceIds: string[];
  linkedTenantId: string;
  position: string;
};

export function laureateFormDefaults(row: Laureate | null, year = new Date().getFullYear()): LaureateFormDefaults {
  return {
    year: String(row?.year ?? year),
    category: row?.category ?? "",
    mention: row?.mention ?? "",
    name: row?.name ?? "",
    slug: row?.slug ?? "",
    place: row?.place ?? "",
    summary: row?.summary ?? "",
    story: row?.story ?? "",
    practiceIds: row?.practiceIds ?? [],
    linkedTenantId: row?.linkedTenantId ?? "",
    position: String(row?.position ?? 0),
  };
}

type SaveOutcome = { ok: true; id: string; message: string } | { ok: false; fieldErrors: Record<string, string[]> };

/** Checks what the schema cannot: the linked structure consents, the practices exist and are published. */
async function refusalOf(input: LaureateValues, executor: Executor, now: Date, keptPracticeIds: readonly string[] = []): Promise<Record<string, string[]> | null> {
  if (!slugOf(input)) return { slug: ["Indiquez l'identifiant de l'adresse (le nom ne contient ni lettre ni chiffre)."] };
  if (input.linkedTenantId) {
    const [tenant] = await executor.select({ consentAt: tenants.showcaseConsentAt }).from(tenants).where(eq(tenants.id, input.linkedTenantId));
    if (!tenant) return { linkedTenantId: ["Structure inconnue."] };
    if (!tenant.consentAt) return { linkedTenantId: [NO_CONSENT_MESSAGE] };
  }
  // Practices already linked stay allowed (one may have been unpublished since); new ones must be published.
  const added = input.practiceIds.filter((id) => !keptPracticeIds.includes(id));
  if (added.length > 0) {
    const found = await publishedPracticesAmong(added, now, executor);
    if (found.length !== added.length) return { practiceIds: ["Une des bonnes pratiques choisies est inconnue ou pas encore publiée."] };
  }
  return null;
}

function columnsOf(input: LaureateValues) {
  return {
    year: input.year,
    category: input.category,
    mention: input.mention ?? null,
    name: input.name,
    slug: slugOf(input),
    place: input.place || null,
    summary: input.summary,
    story: input.story,
    practiceIds: input.practiceIds,
    linkedTenantId: input.linkedTenantId ?? null,
    position: input.position,
  };
}

const slugTaken = (year: number) => ({ ok: false as const, fieldErrors: { slug: [`Un autre lauréat ${year} a déjà cette adresse : choisissez un autre identifiant.`] } });

/** A new laureate, saved as a draft (publication is a separate, explicit step). */
export async function createLaureate(actorUserId: string, input: LaureateValues, now = new Date()): Promise<SaveOutcome> {
  try {
    return await db().transaction(async (tx) => {
      const refusal = await refusalOf(input, tx, now);
      if (refusal) return { ok: false as const, fieldErrors: refusal };
      const [created] = await tx
        .insert(laureates)
        .values({ ...columnsOf(input), createdBy: actorUserId })
        .returning({ id: laureates.id });
      if (!created) throw new Error("laureate insert failed");
      await recordAudit(tx, {
        tenantId: input.linkedTenantId ?? null,
        actorUserId,
        action: "laureate.created",
        targetType: "laureate",
        targetId: created.id,
        details: { year: input.year, slug: slugOf(input), linkedTenantId: input.linkedTenantId ?? null },
      });
      return { ok: true as const, id: created.id, message: `Lauréat « ${input.name} » (${input.year}) enregistré comme brouillon.` };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return slugTaken(input.year);
    throw error;
  }
}

export async function updateLaureate(actorUserId: string, id: string, input: LaureateValues, now = new Date()): Promise<SaveOutcome | null> {
  const current = await getLaureateForStaff(id);
  if (!current) return null;
  try {
    return await db().transaction(async (tx) => {
      // An existing link survives a withdrawn consent (the row is hidden, not unlinked); a new one needs consent.
      const keepsLink = input.linkedTenantId !== undefined && input.linkedTenantId === current.linkedTenantId;
      const refusal = await refusalOf(keepsLink ? { ...input, linkedTenantId: undefined } : input, tx, now, current.practiceIds);
      if (refusal) return { ok: false as const, fieldErrors: refusal };
      await tx.update(laureates).set({ ...columnsOf(input), updatedAt: now }).where(eq(laureates.id, id));
      await recordAudit(tx, {
        tenantId: input.linkedTenantId ?? current.linkedTenantId ?? null,
        actorUserId,
        action: "laureate.updated",
        targetType: "laureate",
        targetId: id,
        details: { year: input.year, slug: slugOf(input), linkedTenantId: input.linkedTenantId ?? null },
      });
      return { ok: true as const, id, message: `Lauréat « ${input.name} » (${input.year}) mis à jour.` };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return slugTaken(input.year);
    throw error;
  }
}

/** Publishes or withdraws a laureate from the public pages (idempotent; audited when it changes). */
export async function setLaureatePublished(actorUserId: string, id: string, publish: boolean, now = new Date()) {
  const current = await getLaureateForStaff(id);
  if (!current) return null;
  if ((current.publishedAt !== null) === publish) return { changed: false, message: publish ? "Ce lauréat est déjà publié." : "Ce lauréat est déjà un brouillon." };
  await db().transaction(async (tx) => {
    await tx
      .update(laureates)
      .set({ publishedAt: publish ? now : null, updatedAt: now })
      .where(eq(laureates.id, id));
    await recordAudit(tx, {
      tenantId: current.linkedTenantId,
      actorUserId,
      action: publish ? "laureate.published" : "laureate.unpublished",
      targetType: "laureate",
      targetId: id,
      details: { year: current.year, slug: current.slug },
    });
  });
  return { changed: true, message: publish ? `« ${current.name} » est publié sur ${laureatePath(current)}.` : `« ${current.name} » est retiré des pages publiques (brouillon).` };
}

type PreviewInput = Pick<LaureateValues, "year" | "name" | "summary" | "story" | "practiceIds"> & {
  category: string;
  mention?: string | null | undefined;
  slug?: string | undefined;
  place?: string | null | undefined;
  linkedTenantId?: string | null | undefined;
};

/** The saved entry as its public page shows it (the back-office's read-only view). */
export function savedLaureateView(row: Laureate, now = new Date()) {
  return previewLaureate(row, now);
}

/** The public page as it would look with the form's unsaved values: reads only, saves nothing. */
export async function previewLaureate(input: PreviewInput, now = new Date()) {
  const [related, structure] = await Promise.all([
    publishedPracticesAmong(input.practiceIds, now),
    input.linkedTenantId ? db().select({ name: tenants.name }).from(tenants).where(eq(tenants.id, input.linkedTenantId)) : Promise.resolve([]),
  ]);
  return {
    year: input.year,
    name: input.name,
    slug: slugOf(input),
    url: laureatePath({ year: input.year, slug: slugOf(input) }),
    category: input.category,
    categoryLabel: categoryLabel(input.category),
    mention: input.mention ?? null,
    mentionLabel: mentionLabel(input.mention),
    place: input.place || null,
    summary: input.summary,
    storyHtml: renderPracticeMarkdown(input.story),
    structureName: structure[0]?.name ?? null,
    practices: related,
  };
}
