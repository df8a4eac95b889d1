import { eq } from "drizzle-orm";
import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { practices, staffRoles } from "../../../db/schema";
import { PHONE_PRACTICE_NUMBER, SCHEDULED_PRACTICES, seedPractices } from "../../../db/seed/practices-data";
import { seedPracticeLibrary } from "../../../db/seed/practices";
import { addMember, makeTenant, makeUser } from "../../../db/testing/factories";
import { renderRoute, routeResponse } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as adminListRoute from "../../routes/admin.bonnes-pratiques._index";
import * as adminNewRoute from "../../routes/admin.bonnes-pratiques.nouvelle";
import * as detailRoute from "../../routes/bonnes-pratiques.$ref";
import * as listRoute from "../../routes/bonnes-pratiques._index";
import * as feedRoute from "../../routes/bonnes-pratiques.flux[.xml]";
import * as sitemapRoute from "../../routes/sitemap[.xml]";
import * as memberRoute from "../../routes/t.$tenant.bonnes-pratiques";
import { createSession } from "../auth/session.server";
import { practiceSlug } from "./search";

/*
 * The practice pages through their loaders and actions, as the server runs them: what the public
 * sees (never a scheduled practice), who may write, and bookmarks confined to one member and structure.
 */

useTestDatabase();

const origin = "http://localhost:3000";
const tokens = { admin: "", member: "", outsider: "" };
let tenantSlug = "";
const scheduledNumber = seedPractices.length - SCHEDULED_PRACTICES + 1;
const scheduledPath = `/bonnes-pratiques/${scheduledNumber}-${practiceSlug(seedPractices[scheduledNumber - 1]!.title)}`;
const phoneSlug = practiceSlug(seedPractices[PHONE_PRACTICE_NUMBER - 1]!.title);

beforeAll(async () => {
  await seedPracticeLibrary(db());
  const admin = await makeUser();
  await db().insert(staffRoles).values({ userId: admin.id, role: "admin" });
  tokens.admin = (await createSession(admin.id, { userAgent: null, ipAddress: null })).token;
  const tenant = await makeTenant();
  tenantSlug = tenant.slug;
  const member = await makeUser();
  await addMember(tenant.id, member.id, "viewer");
  tokens.member = (await createSession(member.id, { userAgent: null, ipAddress: null })).token;
  const outsider = await makeUser();
  await addMember((await makeTenant()).id, outsider.id, "owner");
  tokens.outsider = (await createSession(outsider.id, { userAgent: null, ipAddress: null })).token;
});

const routes = [
  { id: "list", path: "/bonnes-pratiques", loader: listRoute.loader, Component: listRoute.default },
  { id: "feed", path: "/bonnes-pratiques/flux.xml", loader: feedRoute.loader },
  { id: "detail", path: "/bonnes-pratiques/:ref", loader: detailRoute.loader, Component: detailRoute.default },
  { id: "sitemap", path: "/sitemap.xml", loader: sitemapRoute.loader },
  { id: "admin", path: "/admin/bonnes-pratiques", loader: adminListRoute.loader, Component: adminListRoute.default },
  { id: "admin-new", path: "/admin/bonnes-pratiques/nouvelle", loader: adminNewRoute.loader, action: adminNewRoute.action, Component: adminNewRoute.default },
  { id: "member", path: "/t/:tenant/bonnes-pratiques", loader: memberRoute.loader, action: memberRoute.action, Component: memberRoute.default },
] as unknown as RouteObject[];

function request(who: keyof typeof tokens | null, path: string, body?: FormData) {
  return new Request(`${origin}${path}`, { method: body ? "POST" : "GET", body, headers: who ? { Cookie: `ec_session=${tokens[who]}` } : {} });
}

describe("public pages", () => {
  it("lists search results with highlighted excerpts, the phone practice first", async () => {
    const { status, html } = await renderRoute(routes, request(null, "/bonnes-pratiques?q=telephonique"));
    expect(status).toBe(200);
    expect(html.match(/\/bonnes-pratiques\/\d+-[a-z0-9-]+/)?.[0]).toBe(`/bonnes-pratiques/${PHONE_PRACTICE_NUMBER}-${phoneSlug}`);
    expect(html).toMatch(/<mark>t[ée]l[ée]phoniques?<\/mark>/);
  });

  it("shows a published practice, redirects a stale slug, and hides a scheduled one", async () => {
    const page = await renderRoute(routes, request(null, `/bonnes-pratiques/${PHONE_PRACTICE_NUMBER}-${phoneSlug}`));
    expect(page.status).toBe(200);
    expect(page.html).toContain("<strong>équipe de renfort volontaire</strong>");
    const stale = await routeResponse(routes, request(null, `/bonnes-pratiques/${PHONE_PRACTICE_NUMBER}-ancien-titre`));
    expect(stale.status).toBe(301);
    expect(stale.headers.get("Location")).toBe(`/bonnes-pratiques/${PHONE_PRACTICE_NUMBER}-${phoneSlug}`);
    expect((await renderRoute(routes, request(null, scheduledPath))).status).toBe(404);
    expect((await renderRoute(routes, request(null, "/bonnes-pratiques/999-rien"))).status).toBe(404);
  });

  it("publishes an Atom feed and a sitemap without the scheduled practices", async () => {
    const feed = await routeResponse(routes, request(null, "/bonnes-pratiques/flux.xml"));
    expect(feed.headers.get("Content-Type")).toContain("application/atom+xml");
    const xml = await feed.text();
    expect(xml).toContain(`/bonnes-pratiques/${PHONE_PRACTICE_NUMBER}-${phoneSlug}`);
    expect(xml).not.toContain(scheduledPath);
    const sitemap = await (await routeResponse(routes, request(null, "/sitemap.xml"))).text();
    expect(sitemap).toContain(`/bonnes-pratiques/1-`);
    expect(sitemap).not.toContain(scheduledPath);
  });
});

describe("back-office", () => {
  it("is refused to a structure member and lists statuses to an admin", async () => {
    expect((await renderRoute(routes, request("member", "/admin/bonnes-pratiques"))).status).toBe(404);
    const { html } = await renderRoute(routes, request("admin", "/admin/bonnes-pratiques"));
    expect(html).toContain("Programmée");
    expect(html).toContain("Publiée");
  });

  it("previews without saving, then creates with the next number", async () => {
    const fields = { number: String(seedPractices.length + 1), title: "Un accueil sans rendez-vous le samedi", summary: "Ouvrir le samedi matin.", body: "Texte [lien](javascript:alert(1)) <script>x</script>" };
    const data = (intent: string) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(fields)) form.set(key, value);
      form.set("intent", intent);
      return form;
    };
    const preview = await renderRoute(routes, request("admin", "/admin/bonnes-pratiques/nouvelle", data("preview")));
    expect(preview.html).toContain("Aperçu");
    expect(preview.html).not.toContain("<script>x");
    expect(preview.html).not.toContain('href="javascript:');
    expect(await db().$count(practices)).toBe(seedPractices.length);
    const saved = await routeResponse(routes, request("admin", "/admin/bonnes-pratiques/nouvelle", data("save")));
    expect(saved.status).toBe(302);
    expect(await db().$count(practices)).toBe(seedPractices.length + 1);
  });
});

describe("member portal", () => {
  it("lets a viewer bookmark a practice and find it in « Mes favoris »", async () => {
    const path = `/t/${tenantSlug}/bonnes-pratiques`;
    const before = await renderRoute(routes, request("member", path));
    expect(before.html).toContain("Recommandées pour vous");
    expect(before.html).toContain("pas encore de favori");
    const [phone] = await db().select({ id: practices.id }).from(practices).where(eq(practices.number, PHONE_PRACTICE_NUMBER));
    const form = new FormData();
    form.set("intent", "bookmark");
    form.set("practiceId", phone!.id);
    const after = await renderRoute(routes, request("member", path, form));
    expect(after.html).toContain("Ajoutée à vos favoris.");
    const favourites = after.html.slice(after.html.indexOf("Mes favoris"), after.html.indexOf("titre-toutes"));
    expect(favourites).toContain(`/bonnes-pratiques/${PHONE_PRACTICE_NUMBER}-${phoneSlug}`);
  });

  it("answers 404 to a member of another structure", async () => {
    expect((await renderRoute(routes, request("outsider", `/t/${tenantSlug}/bonnes-pratiques`))).status).toBe(404);
  });
});
