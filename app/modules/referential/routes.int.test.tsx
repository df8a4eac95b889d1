import type { RouteObject } from "react-router-dom";
import { createStaticHandler } from "react-router-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { staffRoles } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { seedReferentials } from "../../../db/seed/referential";
import { addMember, makeTenant, makeUser } from "../../../db/testing/factories";
import { renderRoute } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as exportRoute from "../../routes/admin.referentiel.$annee[.csv]";
import * as detailRoute from "../../routes/admin.referentiel.$annee";
import * as listRoute from "../../routes/admin.referentiel._index";
import { createSession } from "../auth/session.server";

/*
 * The referential pages through their loaders and actions, as the server runs them: who may see,
 * who may change, and the HTML a browser without JavaScript receives.
 */

useTestDatabase();

const tokens: Record<"admin" | "sales" | "auditor" | "member", string> = { admin: "", sales: "", auditor: "", member: "" };
const origin = "http://localhost:3000";

beforeAll(async () => {
  await seedEditions(db());
  await seedReferentials(db());
  for (const role of ["admin", "sales", "auditor"] as const) {
    const user = await makeUser();
    await db().insert(staffRoles).values({ userId: user.id, role });
    tokens[role] = (await createSession(user.id, { userAgent: null, ipAddress: null })).token;
  }
  const member = await makeUser();
  await addMember((await makeTenant()).id, member.id, "owner");
  tokens.member = (await createSession(member.id, { userAgent: null, ipAddress: null })).token;
});

// The paths Remix derives from the file names. Remix types a loader's arguments with its own
// `context`; at run time they are React Router's.
const routes = [
  { id: "list", path: "/admin/referentiel", loader: listRoute.loader, Component: listRoute.default },
  { id: "detail", path: "/admin/referentiel/:annee", loader: detailRoute.loader, action: detailRoute.action, Component: detailRoute.default },
  { id: "export", path: "/admin/referentiel/:annee.csv", loader: exportRoute.loader },
] as unknown as RouteObject[];

function request(who: keyof typeof tokens, path: string, body?: FormData) {
  return new Request(`${origin}${path}`, { method: body ? "POST" : "GET", body, headers: { Cookie: `ec_session=${tokens[who]}` } });
}

/** Runs the matching loader (and action) and renders the page; a thrown Response comes back as is. */
async function page(who: keyof typeof tokens, path: string, body?: FormData) {
  return renderRoute(routes, request(who, path, body));
}

function form(fields: Record<string, string>, file?: { name: string; text: string }) {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  if (file) data.set("fichier", new File([file.text], file.name, { type: "text/csv" }));
  return data;
}

async function exported(year: number) {
  const handler = createStaticHandler(routes);
  const response = await handler.queryRoute(request("sales", `/admin/referentiel/${year}.csv`));
  return response as Response;
}

describe("referential pages", () => {
  it("list every edition's referential for staff, with its status", async () => {
    const { status, html } = await page("auditor", "/admin/referentiel");
    expect(status).toBe(200);
    expect(html).toMatch(/<caption id="legende-referentiels">Référentiels par édition \(\d+\)<\/caption>/);
    expect(html).toMatch(/<th scope="row">2027<\/th><td>2027.1<\/td><td><span class="badge badge-warning">Brouillon<\/span>/);
    expect(html).toMatch(/<th scope="row">2023<\/th><td>2023.1<\/td><td><span class="badge badge-success">Publié le /);
  });

  it("show a referential by channel × stage, filtered by a GET form, read-only for sales", async () => {
    const { status, html } = await page("sales", "/admin/referentiel/2027?canal=telephone");
    expect(status).toBe(200);
    expect(html).toContain("Référentiel d&#x27;audit 2027");
    expect(html).toContain("Téléphone · Accès (10 items)");
    expect(html).not.toContain("Courriel · Accès");
    expect(html).toContain("≤ 2 sonneries : 2 pts");
    expect(html).toContain('<option value="telephone" selected="">Téléphone</option>');
    expect(html).toContain('href="/admin/referentiel/2027.csv"');
    expect(html).not.toContain("Publier le référentiel");
    expect(html).not.toContain('type="file"');
    expect((await page("sales", "/admin/referentiel/2027?canal=inconnu")).html).toContain("Courriel · Accès");
    expect((await page("sales", "/admin/referentiel/1999")).status).toBe(404);
  });

  it("offer import and publication to an admin only, and only on a draft", async () => {
    const draft = (await page("admin", "/admin/referentiel/2027")).html;
    expect(draft).toContain('<label for="fichier">Fichier CSV du référentiel</label>');
    expect(draft).toContain("Publier le référentiel");
    const frozen = (await page("admin", "/admin/referentiel/2023")).html;
    expect(frozen).not.toContain('type="file"');
    expect(frozen).toContain("Le référentiel 2023 est publié depuis le");
  });

  it("simulate then import the exported file, and refuse the same on a published referential", async () => {
    const csv = await (await exported(2027)).text();
    const simulated = await page("admin", "/admin/referentiel/2027", form({ intent: "simuler" }, { name: "referentiel-2027.csv", text: csv }));
    expect(simulated.html).toContain("Simulation terminée pour « referentiel-2027.csv » : rien n&#x27;a été enregistré.");
    expect(simulated.html).toMatch(/<th scope="row">Items inchangés<\/th><td class="numeric">181<\/td>/);
    const imported = await page("admin", "/admin/referentiel/2027", form({ intent: "importer" }, { name: "referentiel-2027.csv", text: csv }));
    expect(imported.html).toContain("il est identique au référentiel, rien n&#x27;a changé.");

    const bad = await page("admin", "/admin/referentiel/2027", form({ intent: "importer" }, { name: "r.csv", text: csv.replace(";telephone;acces;", ";fax;acces;") }));
    expect(bad.html).toContain("Fichier « r.csv » refusé : 1 erreur, rien n&#x27;a été importé");
    expect(bad.html).toContain("ligne 2, colonne canal : « fax » n&#x27;est pas un canal connu");

    const refused = await page("admin", "/admin/referentiel/2023", form({ intent: "importer" }, { name: "r.csv", text: csv }));
    expect(refused.html).toMatch(/Le référentiel 2023 est publié depuis le .+ : il est figé/);
    const publishedAgain = await page("admin", "/admin/referentiel/2023", form({ intent: "publier" }));
    expect(publishedAgain.html).toContain("Le référentiel 2023 est déjà publié");
  });

  it("export the CSV file for every staff role, and refuse changes to sales and auditors", async () => {
    const response = await exported(2027);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="referentiel-2027.csv"');
    for (const who of ["sales", "auditor"] as const) {
      const refused = await page(who, "/admin/referentiel/2027", form({ intent: "publier" }));
      expect(refused.status).toBe(403);
    }
    expect((await page("member", "/admin/referentiel")).status).toBe(404);
    expect((await page("member", "/admin/referentiel/2027")).status).toBe(404);
  });
});
