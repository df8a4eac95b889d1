import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { editions, practices, resultSnapshots } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { PHONE_PRACTICE_NUMBER, SCHEDULED_PRACTICES, seedPractices } from "../../../db/seed/practices-data";
import { seedPracticeLibrary } from "../../../db/seed/practices";
import { seedReferentials } from "../../../db/seed/referential";
import { addMember, makeTenant, makeUser } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import type { TenantContext } from "../tenancy/guard.server";
import {
  addBookmark,
  createPractice,
  getPublishedPractice,
  latestPublished,
  listBookmarks,
  listPracticesForStaff,
  nextNumber,
  practicesForAction,
  practicesForDeterminants,
  proposedPublication,
  recommendations,
  removeBookmark,
  searchPractices,
  updatePractice,
} from "./practices.server";
import type { PracticeValues } from "./practice-schema";

useTestDatabase();

/** A Tuesday afternoon: the seed publishes one practice each past Monday 09:00 (Paris). */
const now = new Date("2026-11-24T14:00:00Z");
const publishedCount = seedPractices.length - SCHEDULED_PRACTICES;
const firstScheduled = publishedCount + 1;

function contextFor(tenant: { id: string; slug: string; name: string }, user: { id: string; email: string; name: string | null }): TenantContext {
  return {
    user: { id: user.id, email: user.email, name: user.name },
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, category: "commune_moins_20000", kind: "commune", certifications: [] },
    role: "viewer",
  } as unknown as TenantContext;
}

beforeAll(async () => {
  await seedEditions(db());
  await seedReferentials(db());
  await seedPracticeLibrary(db(), now);
  // Idempotent: a second run creates nothing twice.
  await seedPracticeLibrary(db(), now);
});

describe("seeded library", () => {
  it("numbers 1..N without gap, published on past Mondays with a few scheduled", async () => {
    const rows = await db().select({ number: practices.number, publishAt: practices.publishAt }).from(practices).orderBy(practices.number);
    expect(rows.map((r) => r.number)).toEqual(seedPractices.map((_, index) => index + 1));
    expect(rows.filter((r) => r.publishAt <= now)).toHaveLength(publishedCount);
    expect(publishedCount).toBeGreaterThanOrEqual(24);
    expect(rows[publishedCount - 1]?.publishAt.toISOString()).toBe("2026-11-23T08:00:00.000Z");
  });
});

describe("searchPractices", () => {
  it.each(["accueil téléphonique", "telephonique", "ACCUEIL TELEPHONIQUE"])("finds the phone reception practice first for « %s »", async (query) => {
    const result = await searchPractices({ query, now });
    expect(result.practices[0]?.number).toBe(PHONE_PRACTICE_NUMBER);
    expect(result.practices[0]?.excerpt?.some((part) => part.match && /t[ée]l[ée]phon/i.test(part.text))).toBe(true);
  });

  it("lists the newest first without a query, 10 per page, with a total", async () => {
    const first = await searchPractices({ now });
    expect(first.total).toBe(publishedCount);
    expect(first.practices).toHaveLength(10);
    expect(first.practices[0]?.number).toBe(publishedCount);
    const last = await searchPractices({ now, page: first.pageCount });
    expect(last.practices.at(-1)?.number).toBe(1);
  });

  it("filters by channel, determinant, theme and kind", async () => {
    const result = await searchPractices({ now, filters: { channel: "reseaux_sociaux", determinant: "courtoisie" }, pageSize: 50 });
    expect(result.practices.length).toBeGreaterThan(0);
    for (const practice of result.practices) {
      expect(practice.channels).toContain("reseaux_sociaux");
      expect(practice.determinants).toContain("courtoisie");
    }
    const departement = await searchPractices({ now, filters: { kind: "departement", theme: "inclusion" }, pageSize: 50 });
    expect(departement.practices.map((p) => p.number)).toContain(16);
  });

  it("hides a scheduled practice from search, feed and detail until its date", async () => {
    const scheduled = seedPractices[firstScheduled - 1]!;
    const word = scheduled.title.split(" ").find((w) => w.length > 6)!;
    const before = await searchPractices({ query: scheduled.title, now, pageSize: 50 });
    expect(before.practices.map((p) => p.number)).not.toContain(firstScheduled);
    expect((await latestPublished(now, 100)).map((p) => p.number)).not.toContain(firstScheduled);
    expect(await getPublishedPractice(firstScheduled, now)).toBeNull();

    const after = new Date("2026-12-01T09:00:00Z");
    expect((await searchPractices({ query: word, now: after, pageSize: 50 })).practices.map((p) => p.number)).toContain(firstScheduled);
    expect((await latestPublished(after))[0]?.number).toBe(firstScheduled);
    expect((await getPublishedPractice(firstScheduled, after))?.practice.title).toBe(scheduled.title);
  });
});

describe("numbering and scheduling", () => {
  const input = (number: number, publishOn?: string): PracticeValues => ({
    number,
    title: `Bonne pratique de test ${number}`,
    summary: "Résumé",
    body: "Un **texte** <script>alert(1)</script>",
    themes: ["organisation"],
    determinants: ["courtoisie"],
    channels: ["telephone"],
    structureKinds: [],
    publishOn,
  });

  it("proposes max+1 and refuses a taken number or a gap", async () => {
    const admin = await makeUser();
    const expected = await nextNumber();
    expect(expected).toBe(seedPractices.length + 1);
    expect(await createPractice(admin.id, input(expected - 1))).toMatchObject({ ok: false, fieldErrors: { number: [expect.stringContaining("déjà pris")] } });
    expect(await createPractice(admin.id, input(expected + 1))).toMatchObject({ ok: false, fieldErrors: { number: [expect.stringContaining("trou")] } });
    const created = await createPractice(admin.id, input(expected));
    expect(created.ok).toBe(true);
    const listed = await listPracticesForStaff(now);
    expect(listed.find((p) => p.number === expected)?.status).toBe("brouillon");
    expect(listed.find((p) => p.number === PHONE_PRACTICE_NUMBER)?.status).toBe("publiee");
    expect(listed.find((p) => p.number === firstScheduled)?.status).toBe("programmee");
  });

  it("proposes the Monday after the last scheduled practice, and schedules at 09:00 Paris", async () => {
    const proposed = await proposedPublication(now);
    // The seed schedules 3 Mondays after 23 November: 30 Nov, 7 and 14 Dec → next is 21 Dec.
    expect(proposed.toISOString()).toBe("2026-12-21T08:00:00.000Z");
    const admin = await makeUser();
    const [draft] = await db().select().from(practices).where(eq(practices.number, seedPractices.length + 1));
    const outcome = await updatePractice(admin.id, draft!.id, input(draft!.number, "2026-12-21"), now);
    expect(outcome?.ok).toBe(true);
    const [scheduled] = await db().select().from(practices).where(eq(practices.id, draft!.id));
    expect(scheduled?.publishAt.toISOString()).toBe("2026-12-21T08:00:00.000Z");
    const renumbered = await updatePractice(admin.id, draft!.id, input(draft!.number + 3), now);
    expect(renumbered).toMatchObject({ ok: false });
  });
});

describe("recommendations", () => {
  it("orders practices by the weakness of the determinants they address", async () => {
    const found = await practicesForDeterminants(["confidentialite", "coordonnees_contact", "courtoisie"], now);
    expect(found.length).toBeGreaterThan(2);
    expect(found[0]?.determinants).toContain("confidentialite");
    const firstWithout = found.findIndex((p) => !p.determinants.includes("confidentialite"));
    expect(found[firstWithout]?.determinants).toContain("coordonnees_contact");
  });

  it("uses the structure's 3 weakest determinants from its latest results", async () => {
    const tenant = await makeTenant();
    const user = await makeUser();
    await addMember(tenant.id, user.id, "viewer");
    const [edition] = await db().select().from(editions).where(eq(editions.year, 2026));
    const score = (value: number) => ({ score: value, lostItems: [] });
    const determinants = { accessibilite: score(90), courtoisie: score(80), confidentialite: score(20), signaletique: score(35), clarte_site: score(50), reactivite: score(70) };
    await db()
      .insert(resultSnapshots)
      .values({ tenantId: tenant.id, editionId: edition!.id, version: 1, category: "commune_moins_20000", certified: false, globalScore: 60, scores: { global: score(60), channels: {}, stages: {}, cells: {}, determinants } });
    const result = await recommendations(contextFor(tenant, user), now);
    expect(result.weakest.map((d) => d.code)).toEqual(["confidentialite", "signaletique", "clarte_site"]);
    expect(result.practices[0]?.determinants).toContain("confidentialite");
    expect(result.practices.every((p) => p.determinants.some((d) => ["confidentialite", "signaletique", "clarte_site"].includes(d)))).toBe(true);
  });

  it("suggests practices for an action on its determinant or channel, published only", async () => {
    const found = await practicesForAction({ determinant: "gestion_attente", channel: "telephone" }, now);
    expect(found).toHaveLength(3);
    expect(found.map((p) => p.number)).not.toContain(firstScheduled);
    // A channel-wide action (no determinant) and a determinant-only one are served too.
    expect(await practicesForAction({ determinant: null, channel: "accueil_physique" }, now)).not.toHaveLength(0);
    expect(await practicesForAction({ determinant: "gestion_attente", channel: null }, now)).not.toHaveLength(0);
    expect(await practicesForAction({ determinant: null, channel: null }, now)).toEqual([]);
  });
});

describe("bookmarks", () => {
  it("are personal and isolated per structure", async () => {
    const [villeA, villeB] = [await makeTenant({ name: "Ville A" }), await makeTenant({ name: "Ville B" })];
    const user = await makeUser();
    const colleague = await makeUser();
    await addMember(villeA.id, user.id, "viewer");
    await addMember(villeB.id, user.id, "viewer");
    await addMember(villeA.id, colleague.id, "member");
    const [phone] = await db().select().from(practices).where(eq(practices.number, PHONE_PRACTICE_NUMBER));
    const [scheduled] = await db().select().from(practices).where(eq(practices.number, firstScheduled));
    const inA = contextFor(villeA, user);
    expect(await addBookmark(inA, phone!.id, now)).toBe(true);
    expect(await addBookmark(inA, phone!.id, now)).toBe(true);
    expect(await addBookmark(inA, scheduled!.id, now)).toBe(false);
    expect((await listBookmarks(inA, now)).map((p) => p.number)).toEqual([PHONE_PRACTICE_NUMBER]);
    expect(await listBookmarks(contextFor(villeB, user), now)).toEqual([]);
    expect(await listBookmarks(contextFor(villeA, colleague), now)).toEqual([]);
    await removeBookmark(inA, phone!.id);
    expect(await listBookmarks(inA, now)).toEqual([]);
  });
});
