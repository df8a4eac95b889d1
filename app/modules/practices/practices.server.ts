import { and, arrayContains, arrayOverlaps, asc, count, desc, eq, lt, lte, max, or, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { practiceBookmarks, practices } from "../../../db/schema";
import { inTenant } from "../../../db/tenant-context";
import { recordAudit } from "../audit-log/audit-log.server";
import { tenantResults } from "../results/results.server";
import type { TenantContext } from "../tenancy/guard.server";
import { isUniqueViolation } from "../tenancy/tenants.server";
import { DRAFT_PUBLISH_AT, SERIES, searchVectorOf } from "./document.server";
import { formatDate } from "../../utils/format";
import { renderPracticeMarkdown } from "./markdown";
import type { PracticeValues } from "./practice-schema";
import {
  foldAccents,
  highlightExcerpt,
  markdownToText,
  nextPublicationSlot,
  parisDateInput,
  parisTime,
  practiceSlug,
  queryTerms,
  type ExcerptPart,
  type PracticeStatus,
} from "./search";

export { DRAFT_PUBLISH_AT, SERIES, searchVectorOf };

export type Practice = typeof practices.$inferSelect;

export function statusOf(practice: { publishAt: Date }, now: Date): PracticeStatus {
  if (practice.publishAt.getTime() >= DRAFT_PUBLISH_AT.getTime()) return "brouillon";
  return practice.publishAt > now ? "programmee" : "publiee";
}

const published = (now: Date) => lte(practices.publishAt, now);

// ---------------------------------------------------------------------------------------------
// Public reading

export type PracticeFilters = { channel?: string; determinant?: string; theme?: string; kind?: string };
export type PracticeCard = Pick<Practice, "id" | "number" | "slug" | "title" | "summary" | "themes" | "determinants" | "channels" | "publishAt" | "sourceName"> & {
  excerpt: ExcerptPart[] | null;
};

const cardColumns = {
  id: practices.id,
  number: practices.number,
  slug: practices.slug,
  title: practices.title,
  summary: practices.summary,
  body: practices.body,
  themes: practices.themes,
  determinants: practices.determinants,
  channels: practices.channels,
  publishAt: practices.publishAt,
  sourceName: practices.sourceName,
};

/** A practice's searchable text (summary and body without markup), remembered by body like its excerpt source. */
const searchableTexts = new Map<string, string>();
function searchableText(summary: string, body: string) {
  let text = searchableTexts.get(body);
  if (text === undefined) {
    text = markdownToText(body);
    if (searchableTexts.size >= 300) searchableTexts.delete(searchableTexts.keys().next().value!);
    searchableTexts.set(body, text);
  }
  return `${summary} ${text}`;
}

function toCard(row: { body: string } & Omit<PracticeCard, "excerpt">, terms: string[]): PracticeCard {
  const { body, ...card } = row;
  return { ...card, excerpt: terms.length > 0 ? highlightExcerpt(searchableText(row.summary, body), terms) : null };
}

/**
 * Published practices matching a free-text query and tag filters. With a query: ranked by
 * `ts_rank` (title words weigh most), accent-insensitive; without: newest first.
 */
export async function searchPractices(options: { query?: string; filters?: PracticeFilters; page?: number; pageSize?: number; now?: Date }, executor: Executor = db()) {
  const now = options.now ?? new Date();
  const pageSize = options.pageSize ?? 10;
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const filters = options.filters ?? {};
  const folded = foldAccents(options.query?.trim() ?? "");
  const tsQuery = folded ? sql`websearch_to_tsquery('french', ${folded})` : null;
  const where = and(
    published(now),
    eq(practices.series, SERIES),
    filters.channel ? arrayContains(practices.channels, [filters.channel]) : undefined,
    filters.determinant ? arrayContains(practices.determinants, [filters.determinant]) : undefined,
    filters.theme ? arrayContains(practices.themes, [filters.theme]) : undefined,
    filters.kind ? arrayContains(practices.structureKinds, [filters.kind]) : undefined,
    tsQuery ? sql`${practices.searchVector} @@ ${tsQuery}` : undefined,
  );
  const [[total], rows] = await Promise.all([
    executor.select({ n: count() }).from(practices).where(where),
    executor
      .select(cardColumns)
      .from(practices)
      .where(where)
      .orderBy(...(tsQuery ? [sql`ts_rank(${practices.searchVector}, ${tsQuery}) desc`] : []), desc(practices.publishAt), desc(practices.number))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
  ]);
  const terms = queryTerms(options.query ?? "");
  const totalCount = total?.n ?? 0;
  return { practices: rows.map((row) => toCard(row, terms)), total: totalCount, page, pageCount: Math.max(1, Math.ceil(totalCount / pageSize)) };
}

/** A published practice by number (its address), with its body rendered; null before its date. */
export async function getPublishedPractice(number: number, now = new Date()) {
  const [row] = await db()
    .select()
    .from(practices)
    .where(and(eq(practices.series, SERIES), eq(practices.number, number), published(now)));
  if (!row) return null;
  const neighbours = await db()
    .select({ number: practices.number, slug: practices.slug, title: practices.title })
    .from(practices)
    .where(and(eq(practices.series, SERIES), published(now), or(eq(practices.number, number - 1), eq(practices.number, number + 1))));
  return {
    practice: row,
    html: renderPracticeMarkdown(row.body),
    previous: neighbours.find((n) => n.number === number - 1) ?? null,
    next: neighbours.find((n) => n.number === number + 1) ?? null,
  };
}

/** The newest published practices: the Atom feed. */
export async function latestPublished(now = new Date(), limit = 20) {
  return db()
    .select()
    .from(practices)
    .where(and(eq(practices.series, SERIES), published(now)))
    .orderBy(desc(practices.publishAt), desc(practices.number))
    .limit(limit);
}

/** Every published practice's address and date: the sitemap. */
export async function publishedAddresses(now = new Date()) {
  return db()
    .select({ number: practices.number, slug: practices.slug, updatedAt: practices.updatedAt, publishAt: practices.publishAt })
    .from(practices)
    .where(and(eq(practices.series, SERIES), published(now)))
    .orderBy(asc(practices.number));
}

/** Published practices tagged with one of `determinants`, the first codes first (most urgent). */
export async function practicesForDeterminants(codes: readonly string[], now = new Date(), limit = 6, executor: Executor = db()) {
  if (codes.length === 0) return [];
  const rows = await executor
    .select(cardColumns)
    .from(practices)
    .where(and(eq(practices.series, SERIES), published(now), arrayOverlaps(practices.determinants, [...codes])))
    .orderBy(desc(practices.publishAt));
  const urgency = (tags: string[]) => Math.min(...tags.map((tag) => codes.indexOf(tag)).filter((index) => index >= 0));
  return rows
    .map((row) => toCard(row, []))
    .sort((a, b) => urgency(a.determinants) - urgency(b.determinants))
    .slice(0, limit);
}

/**
 * "Recommandées pour vous": practices tagged with the 3 weakest determinants of the structure's
 * latest published results, the weakest first. Empty without results.
 */
export async function recommendations(ctx: TenantContext, now = new Date()) {
  const results = await tenantResults(ctx);
  if (!results) return { weakest: [], practices: [] };
  // `determinants` is sorted by score, best first: the weakest are last.
  const weakest = results.determinants.slice(-3).reverse();
  return { weakest, practices: await practicesForDeterminants(weakest.map((d) => d.code), now) };
}

/** "Bonnes pratiques utiles" of an action: up to 3 published practices on its determinant or channel. */
export async function practicesForAction(action: { determinant: string | null; channel: string | null }, now = new Date(), limit = 3) {
  const matches = [
    action.determinant ? arrayContains(practices.determinants, [action.determinant]) : undefined,
    action.channel ? arrayContains(practices.channels, [action.channel]) : undefined,
  ].filter((m): m is SQL => m !== undefined);
  if (matches.length === 0) return [];
  // Practices matching both come first, then those on the determinant (more specific than a channel).
  const onDeterminant = action.determinant ? sql`${practices.determinants} @> ARRAY[${action.determinant}]::text[]` : null;
  const onChannel = action.channel ? sql`${practices.channels} @> ARRAY[${action.channel}]::text[]` : null;
  const ranking = [
    ...(onDeterminant && onChannel ? [sql`(${onDeterminant} and ${onChannel}) desc`] : []),
    ...(onDeterminant ? [sql`${onDeterminant} desc`] : []),
    desc(practices.publishAt),
  ];
  return db()
    .select({ number: practices.number, slug: practices.slug, title: practices.title, summary: practices.summary })
    .from(practices)
    .where(and(eq(practices.series, SERIES), published(now), or(...matches)))
    .orderBy(...ranking)
    .limit(limit);
}

// ---------------------------------------------------------------------------------------------
// Bookmarks: personal, per structure, under the tenant's row-level security.

export async function addBookmark(ctx: TenantContext, practiceId: string, now = new Date()) {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const [practice] = await tx.select({ id: practices.id }).from(practices).where(and(eq(practices.id, practiceId), published(now)));
    if (!practice) return false;
    await tx.insert(practiceBookmarks).values({ tenantId: ctx.tenant.id, userId: ctx.user.id, practiceId }).onConflictDoNothing();
    return true;
  });
}

export async function removeBookmark(ctx: TenantContext, practiceId: string) {
  await inTenant(db(), ctx.tenant.id, (tx) =>
    tx
      .delete(practiceBookmarks)
      .where(and(eq(practiceBookmarks.tenantId, ctx.tenant.id), eq(practiceBookmarks.userId, ctx.user.id), eq(practiceBookmarks.practiceId, practiceId))),
  );
}

/** The member's bookmarks in this structure, newest bookmark first. */
export async function listBookmarks(ctx: TenantContext, now = new Date()) {
  return inTenant(db(), ctx.tenant.id, async (tx) => {
    const rows = await tx
      .select(cardColumns)
      .from(practiceBookmarks)
      .innerJoin(practices, eq(practices.id, practiceBookmarks.practiceId))
      .where(and(eq(practiceBookmarks.tenantId, ctx.tenant.id), eq(practiceBookmarks.userId, ctx.user.id), published(now)))
      .orderBy(desc(practiceBookmarks.createdAt));
    return rows.map((row) => toCard(row, []));
  });
}

// ---------------------------------------------------------------------------------------------
// Back-office

export async function listPracticesForStaff(now = new Date()) {
  const rows = await db()
    .select({ id: practices.id, number: practices.number, slug: practices.slug, title: practices.title, publishAt: practices.publishAt, updatedAt: practices.updatedAt })
    .from(practices)
    .where(eq(practices.series, SERIES))
    .orderBy(desc(practices.number));
  return rows.map((row) => ({ ...row, status: statusOf(row, now) }));
}

export async function getPracticeForStaff(id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await db().select().from(practices).where(eq(practices.id, id));
  return row ?? null;
}

export async function nextNumber(executor: Executor = db()) {
  const [row] = await executor.select({ n: max(practices.number) }).from(practices).where(eq(practices.series, SERIES));
  return (row?.n ?? 0) + 1;
}

/** Monday 09:00 (Paris) after the last scheduled practice (or after now): the proposed date. */
export async function proposedPublication(now = new Date(), executor: Executor = db()) {
  const [row] = await executor
    .select({ last: max(practices.publishAt) })
    .from(practices)
    .where(and(eq(practices.series, SERIES), lt(practices.publishAt, DRAFT_PUBLISH_AT)));
  return nextPublicationSlot(now, row?.last ?? null);
}

type SaveOutcome = { ok: true; id: string; message: string } | { ok: false; fieldErrors: Record<string, string[]> };

function publishAtOf(publishOn: string | undefined) {
  if (!publishOn) return DRAFT_PUBLISH_AT;
  const [year, month, day] = publishOn.split("-").map(Number);
  return parisTime(year ?? 0, month ?? 1, day ?? 1, 9);
}

function columnsOf(input: PracticeValues) {
  return {
    title: input.title,
    summary: input.summary,
    body: input.body,
    themes: input.themes,
    determinants: input.determinants,
    channels: input.channels,
    structureKinds: input.structureKinds,
    sourceName: input.sourceName || null,
    laureateYear: input.laureateYear ?? null,
    illustrationUrl: input.illustrationUrl || null,
    illustrationAlt: input.illustrationAlt || null,
    publishAt: publishAtOf(input.publishOn),
    searchVector: searchVectorOf(input),
    updatedAt: new Date(),
  };
}

const slugTaken = { ok: false as const, fieldErrors: { title: ["Une autre bonne pratique porte déjà ce titre (même adresse)."] } };

/**
 * A new practice takes the next number of its series: numbers stay gap-free, so any other number
 * is refused (taken, or it would leave a gap). Serialised by the unique (series, number) key.
 */
export async function createPractice(actorUserId: string, input: PracticeValues): Promise<SaveOutcome> {
  try {
    return await db().transaction(async (tx) => {
      const expected = await nextNumber(tx);
      if (input.number !== expected) {
        const message = input.number < expected ? `Le n° ${input.number} est déjà pris : le prochain numéro libre est ${expected}.` : `Le n° ${input.number} laisserait un trou : le prochain numéro est ${expected}.`;
        return { ok: false as const, fieldErrors: { number: [message] } };
      }
      const [created] = await tx
        .insert(practices)
        .values({ ...columnsOf(input), series: SERIES, number: input.number, slug: practiceSlug(input.title), createdBy: actorUserId })
        .returning({ id: practices.id });
      if (!created) throw new Error("practice insert failed");
      await recordAudit(tx, { tenantId: null, actorUserId, action: "practice.created", targetType: "practice", targetId: created.id, details: { number: input.number } });
      return { ok: true as const, id: created.id, message: `Bonne pratique n° ${input.number} enregistrée.` };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return slugTaken;
    throw error;
  }
}

/**
 * Updates a practice. Its number never changes (published addresses and e-mails cite it); its
 * slug follows the title while it is unpublished, then stays (old links keep working anyway:
 * the address is resolved by number and redirected to the current slug).
 */
export async function updatePractice(actorUserId: string, id: string, input: PracticeValues, now = new Date()): Promise<SaveOutcome | null> {
  const current = await getPracticeForStaff(id);
  if (!current) return null;
  if (input.number !== current.number) return { ok: false, fieldErrors: { number: ["Le numéro d'une bonne pratique ne change pas."] } };
  const slug = statusOf(current, now) === "publiee" ? current.slug : practiceSlug(input.title);
  try {
    await db().transaction(async (tx) => {
      await tx.update(practices).set({ ...columnsOf(input), slug }).where(eq(practices.id, id));
      await recordAudit(tx, { tenantId: null, actorUserId, action: "practice.updated", targetType: "practice", targetId: id, details: { number: current.number, publishAt: columnsOf(input).publishAt.toISOString() } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return slugTaken;
    throw error;
  }
  return { ok: true, id, message: `Bonne pratique n° ${current.number} mise à jour.` };
}

/** Cards as the pages show them: dates in French, no body. */
export function presentCards(cards: PracticeCard[]) {
  return cards.map((card) => ({
    id: card.id,
    number: card.number,
    slug: card.slug,
    title: card.title,
    summary: card.summary,
    determinants: card.determinants,
    channels: card.channels,
    publishedOn: formatDate(card.publishAt),
    sourceName: card.sourceName,
    excerpt: card.excerpt,
  }));
}

/** The admin form's initial values: an existing practice, or the next number and Monday. */
export async function practiceFormDefaults(practice: Practice | null, now = new Date()) {
  const proposed = await proposedPublication(now);
  const base = practice ?? null;
  return {
    proposedDate: formatDate(proposed),
    defaultValue: {
      number: String(base?.number ?? (await nextNumber())),
      title: base?.title ?? "",
      summary: base?.summary ?? "",
      body: base?.body ?? "",
      themes: base?.themes ?? [],
      determinants: base?.determinants ?? [],
      channels: base?.channels ?? [],
      structureKinds: base?.structureKinds ?? [],
      sourceName: base?.sourceName ?? "",
      laureateYear: base?.laureateYear ? String(base.laureateYear) : "",
      illustrationUrl: base?.illustrationUrl ?? "",
      illustrationAlt: base?.illustrationAlt ?? "",
      publishOn: base ? (statusOf(base, now) === "brouillon" ? "" : parisDateInput(base.publishAt)) : parisDateInput(proposed),
    },
  };
}
