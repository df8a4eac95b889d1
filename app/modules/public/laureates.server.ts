import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lte, or } from "drizzle-orm";
import { db, type Executor } from "../../../db/client";
import { laureates, practices, tenants } from "../../../db/schema";
import { SERIES } from "../practices/document.server";
import { renderPracticeMarkdown } from "../practices/markdown";
import { practicePath } from "../practices/search";
import { categoryLabel, groupByCategory, laureatePath, mentionLabel } from "./laureates";

/*
 * What citizens and the press read of the laureates. A row is public when it is published and,
 * if it is linked to a structure of the portal, while that structure consents to its showcase:
 * withdrawing consent hides the row everywhere at once (pages, sitemap, open data).
 */

const isPublic = and(isNotNull(laureates.publishedAt), or(isNull(laureates.linkedTenantId), isNotNull(tenants.showcaseConsentAt)));

function publicRows(executor: Executor = db()) {
  return executor
    .select({
      id: laureates.id,
      year: laureates.year,
      category: laureates.category,
      mention: laureates.mention,
      name: laureates.name,
      slug: laureates.slug,
      place: laureates.place,
      summary: laureates.summary,
      position: laureates.position,
      updatedAt: laureates.updatedAt,
    })
    .from(laureates)
    .leftJoin(tenants, eq(tenants.id, laureates.linkedTenantId))
    .$dynamic();
}

type PublicRow = Awaited<ReturnType<ReturnType<typeof publicRows>["execute"]>>[number];

function present(row: PublicRow) {
  return {
    year: row.year,
    name: row.name,
    slug: row.slug,
    url: laureatePath(row),
    category: row.category,
    categoryLabel: categoryLabel(row.category),
    mention: row.mention,
    mentionLabel: mentionLabel(row.mention),
    place: row.place,
    summary: row.summary,
    position: row.position,
  };
}

export type PublicLaureate = ReturnType<typeof present>;

/** Editions with at least one public laureate, the latest first. */
export async function listLaureateYears(executor: Executor = db()) {
  return executor
    .select({ year: laureates.year, count: count() })
    .from(laureates)
    .leftJoin(tenants, eq(tenants.id, laureates.linkedTenantId))
    .where(isPublic)
    .groupBy(laureates.year)
    .orderBy(desc(laureates.year));
}

/** An edition's public laureates grouped by category in the barometer's order; null when it has none. */
export async function laureatesOf(year: number, executor: Executor = db()) {
  const rows = await publicRows(executor).where(and(isPublic, eq(laureates.year, year)));
  if (rows.length === 0) return null;
  return { year, count: rows.length, groups: groupByCategory(rows.map(present)) };
}

/** Every edition with its laureates, the latest first: the /laureats page. */
export async function allEditionsWithLaureates(executor: Executor = db()) {
  const rows = await publicRows(executor).where(isPublic).orderBy(desc(laureates.year));
  const years = [...new Set(rows.map((row) => row.year))];
  return years.map((year) => ({ year, groups: groupByCategory(rows.filter((row) => row.year === year).map(present)) }));
}

/** Published practices among `ids`, by number: what a laureate page links to. */
export async function publishedPracticesAmong(ids: readonly string[], now = new Date(), executor: Executor = db()) {
  if (ids.length === 0) return [];
  const rows = await executor
    .select({ id: practices.id, number: practices.number, slug: practices.slug, title: practices.title, summary: practices.summary })
    .from(practices)
    .where(and(inArray(practices.id, [...ids]), eq(practices.series, SERIES), lte(practices.publishAt, now)))
    .orderBy(asc(practices.number));
  return rows.map((row) => ({ ...row, url: practicePath(row) }));
}

/** One public laureate with its story rendered and its related published practices; null otherwise. */
export async function laureate(year: number, slug: string, now = new Date(), executor: Executor = db()) {
  const [row] = await executor
    .select({
      id: laureates.id,
      year: laureates.year,
      category: laureates.category,
      mention: laureates.mention,
      name: laureates.name,
      slug: laureates.slug,
      place: laureates.place,
      summary: laureates.summary,
      story: laureates.story,
      practiceIds: laureates.practiceIds,
      position: laureates.position,
      updatedAt: laureates.updatedAt,
      publishedAt: laureates.publishedAt,
      structureName: tenants.name,
    })
    .from(laureates)
    .leftJoin(tenants, eq(tenants.id, laureates.linkedTenantId))
    .where(and(isPublic, eq(laureates.year, year), eq(laureates.slug, slug)));
  if (!row) return null;
  return {
    ...present(row),
    storyHtml: renderPracticeMarkdown(row.story),
    structureName: row.structureName,
    updatedAt: row.updatedAt,
    publishedAt: row.publishedAt,
    practices: await publishedPracticesAmong(row.practiceIds, now, executor),
  };
}

/**
 * The latest edition's public laureates, in the barometer's category order (the home page).
 * Each: year, name, category label, mention label and the page's path.
 */
export async function latestLaureates(limit = 9, executor: Executor = db()) {
  const [latest] = await listLaureateYears(executor);
  if (!latest) return [];
  const edition = await laureatesOf(latest.year, executor);
  return (edition?.groups.flatMap((group) => group.laureates) ?? []).slice(0, limit).map((l) => ({
    year: l.year,
    name: l.name,
    categoryLabel: l.categoryLabel,
    mentionLabel: l.mentionLabel,
    url: l.url,
  }));
}

/** Public laureates' addresses and dates, and their editions' pages: the sitemap. */
export async function laureatesForSitemap(executor: Executor = db()) {
  const rows = await publicRows(executor).where(isPublic).orderBy(desc(laureates.year), asc(laureates.position), asc(laureates.name));
  const lastModifiedOf = new Map<number, Date>();
  for (const row of rows) {
    const known = lastModifiedOf.get(row.year);
    if (!known || row.updatedAt > known) lastModifiedOf.set(row.year, row.updatedAt);
  }
  return {
    editions: [...lastModifiedOf].map(([year, lastModified]) => ({ year, path: `/laureats/${year}`, lastModified })),
    laureates: rows.map((row) => ({ path: laureatePath(row), lastModified: row.updatedAt })),
  };
}

/** The open-data file's rows (/donnees/laureats.csv|json): every public laureate, latest edition first. */
export async function laureatesOpenData(origin: string, executor: Executor = db()) {
  const editions = await allEditionsWithLaureates(executor);
  return editions.flatMap((edition) =>
    edition.groups.flatMap((group) =>
      group.laureates.map((l) => ({
        annee: l.year,
        categorie: l.categoryLabel,
        mention: l.mentionLabel ?? "",
        nom: l.name,
        lieu: l.place ?? "",
        resume: l.summary,
        url: `${origin}${l.url}`,
      })),
    ),
  );
}
