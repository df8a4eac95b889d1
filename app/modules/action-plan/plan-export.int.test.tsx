import { eq } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { actions } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { seedReferentials } from "../../../db/seed/referential";
import { addMember, enrolWithPhoneAudit, makeTenant, makeUser } from "../../../db/testing/factories";
import { renderRoute, routeResponse } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as csvRoute from "../../routes/t.$tenant.plan-action[.csv]";
import * as printRoute from "../../routes/t.$tenant.plan-action_.imprimer";
import * as reportRoute from "../../routes/t.$tenant.resultats_.rapport[.pdf]";
import { createSession } from "../auth/session.server";
import { publishEditionResults } from "../results/publication.server";
import { progressSentence } from "./plan-export.server";

/*
 * The plan's exports through their loaders, as the server runs them: a member of the structure
 * (even a reader) gets the CSV, the printable page and the PDF with the plan; anyone else a 404.
 */

useTestDatabase();

const origin = "http://localhost:3000";
const tokens = { viewer: "", outsider: "" };
let slug: string;
let tenantId: string;

beforeAll(async () => {
  await seedEditions(db());
  await seedReferentials(db());
  const tenant = await makeTenant({ name: "Ville d'Alpha" });
  const other = await makeTenant({ name: "Ville de Bêta" });
  slug = tenant.slug;
  tenantId = tenant.id;
  const [viewer, owner, outsider] = [await makeUser(), await makeUser({ name: "Marc Dupont" }), await makeUser()];
  await addMember(tenant.id, viewer.id, "viewer");
  await addMember(tenant.id, owner.id, "owner");
  await addMember(other.id, outsider.id, "owner");
  tokens.viewer = (await createSession(viewer.id, { userAgent: null, ipAddress: null })).token;
  tokens.outsider = (await createSession(outsider.id, { userAgent: null, ipAddress: null })).token;

  await enrolWithPhoneAudit(tenant, 2026, 4);
  await enrolWithPhoneAudit(other, 2026, 4);
  expect(await publishEditionResults(owner.id, 2026)).toMatchObject({ ok: true });
  // One action assigned, late and with a formula-like title; one done; one abandoned.
  const plan = await db().select().from(actions).where(eq(actions.tenantId, tenant.id)).orderBy(actions.createdAt, actions.id);
  await db().update(actions).set({ ownerUserId: owner.id, dueOn: "2026-01-15", status: "en_cours", title: "=Revoir; le \"script\" d'accueil" }).where(eq(actions.id, plan[0]!.id));
  await db().update(actions).set({ status: "fait" }).where(eq(actions.id, plan[1]!.id));
  await db().update(actions).set({ status: "abandonne" }).where(eq(actions.id, plan[2]!.id));
});

const routes = [
  { id: "csv", path: "/t/:tenant/plan-action.csv", loader: csvRoute.loader },
  { id: "print", path: "/t/:tenant/plan-action/imprimer", loader: printRoute.loader, Component: printRoute.default },
  { id: "pdf", path: "/t/:tenant/resultats/rapport.pdf", loader: reportRoute.loader },
] as unknown as RouteObject[];

const request = (who: keyof typeof tokens, path: string) => new Request(`${origin}${path}`, { headers: { Cookie: `ec_session=${tokens[who]}` } });

const resource = (who: keyof typeof tokens, path: string) => routeResponse(routes, request(who, path));
const page = (who: keyof typeof tokens, path: string) => renderRoute(routes, request(who, path));

describe("the action plan's exports", () => {
  it("give a reader the plan as a CSV for French Excel", async () => {
    const response = await resource("viewer", `/t/${slug}/plan-action.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toBe(`attachment; filename="plan-action-${slug}.csv"`);
    // Read as bytes: Response.text() would drop the byte-order mark Excel needs.
    const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(body.startsWith("\uFEFFTitre;Statut;Priorité;Canal;Déterminant;Responsable;Échéance;En retard;Score avant;Score après;Édition;Description\r\n")).toBe(true);
    const count = await db().select().from(actions).where(eq(actions.tenantId, tenantId));
    // One line per action after the header (descriptions span several quoted lines).
    expect(body.match(/;2026;"/g)).toHaveLength(count.length);
    // Quoted, formula neutralised, date JJ/MM/AAAA, French labels, score with a decimal comma.
    expect(body).toMatch(/\r\n"'=Revoir; le ""script"" d'accueil";En cours;(Haute|Moyenne|Basse);Téléphone;[^;]*;Marc Dupont;15\/01\/2026;Oui;\d+,\d;;2026;"/);
    expect(body).toContain(";Fait;");
    expect(body).toContain(";Abandonné;");
  });

  it("give a reader a printable page with the progress and an accessible table", async () => {
    const { status, html } = await page("viewer", `/t/${slug}/plan-action/imprimer`);
    expect(status).toBe(200);
    expect(html).toContain("<h1>Plan d&#x27;action de Ville d&#x27;Alpha</h1>");
    expect(html).toMatch(/\d+ % des actions faites \(1 sur \d+, hors 1 action abandonnée\) ; 1 action en retard\./);
    expect(html).toContain("<caption id=\"legende-plan\">");
    expect(html).toContain('<th scope="col">Responsable</th>');
    expect(html).toContain('<th scope="row">=Revoir; le &quot;script&quot; d&#x27;accueil');
    expect(html).toContain("15/01/2026<strong> (en retard)</strong>");
    expect(html).toContain("Imprimer");
  });

  it("put the plan in the PDF report", async () => {
    const response = await resource("viewer", `/t/${slug}/resultats/rapport.pdf`);
    expect(response.status).toBe(200);
    const parser = new PDFParse({ data: new Uint8Array(await response.arrayBuffer()) });
    const text = (await parser.getText().finally(() => parser.destroy())).text.replace(/[\s\u00A0\u202F\u2009]+/g, " ");
    expect(text).toContain("Plan d'action");
    expect(text).toMatch(/Avancement : \d+ % des actions faites \(1 sur \d+, hors 1 action abandonnée\) ; 1 action en retard\./);
    expect(text).toContain("=Revoir; le \"script\" d'accueil");
    expect(text).toMatch(/En cours (Haute|Moyenne|Basse) Marc Dupont 15\/01\/2026 en retard/);
  });

  it("answer 404 to a member of another structure, on every export", async () => {
    for (const path of [`/t/${slug}/plan-action.csv`, `/t/${slug}/resultats/rapport.pdf`]) {
      const response = await resource("outsider", path);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("Revoir");
    }
    const printed = await page("outsider", `/t/${slug}/plan-action/imprimer`);
    expect(printed.status).toBe(404);
    expect(printed.html).not.toContain("Revoir");
  });
});

describe("progressSentence", () => {
  it("counts done actions out of those still meant to be done", () => {
    expect(progressSentence({ total: 6, active: 5, done: 2, doneShare: 0.4, overdue: 1 }, 1)).toBe("40 % des actions faites (2 sur 5, hors 1 action abandonnée) ; 1 action en retard.");
    expect(progressSentence({ total: 3, active: 3, done: 0, doneShare: 0, overdue: 0 }, 0)).toBe("0 % des actions faites (0 sur 3) ; aucune action en retard.");
    expect(progressSentence({ total: 0, active: 0, done: 0, doneShare: 0, overdue: 0 }, 0)).toBe("Aucune action n'est encore inscrite au plan.");
  });
});
