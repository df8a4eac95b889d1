import { PDFParse } from "pdf-parse";
import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { seedEditions } from "../../../db/seed/editions";
import { seedOfferCatalogue } from "../../../db/seed/offers";
import { seedReferentials } from "../../../db/seed/referential";
import { addMember, enrolWithPhoneAudit, makeTenant, makeUser } from "../../../db/testing/factories";
import { routeResponse } from "../../../db/testing/routes";
import { useTestDatabase } from "../../../db/testing/test-database";
import * as reportRoute from "../../routes/t.$tenant.resultats_.rapport[.pdf]";
import { createSession } from "../auth/session.server";
import { setOfferActive } from "../offers/catalogue-admin.server";
import { offerCodes } from "../offers/ladder";
import { recommendationFor } from "../offers/offers.server";
import type { TenantContext } from "../tenancy/guard.server";
import { publishEditionResults } from "./publication.server";
import { renderResultsReport } from "./report-pdf.server";
import { tenantResults } from "./results.server";

/*
 * The results report's "Votre prochaine étape": the step of the offer ladder, its French reason and
 * the recommended offer with its price HT (or "sur devis"), read back from the PDF's text.
 */

useTestDatabase();

const origin = "http://localhost:3000";
let token = "";
let slug = "";
let ctx: TenantContext;
let ownerId = "";

const routes = [{ id: "pdf", path: "/t/:tenant/resultats/rapport.pdf", loader: reportRoute.loader }] as unknown as RouteObject[];

/** The PDF's text on one line: spaces of every kind (no-break, narrow) as one plain space. */
async function textOf(pdf: ArrayBuffer | Uint8Array) {
  const parser = new PDFParse({ data: new Uint8Array(pdf) });
  return (await parser.getText().finally(() => parser.destroy())).text.replace(/[\s\u00A0\u202F\u2009]+/g, " ");
}

async function reportText() {
  const response = await routeResponse(routes, new Request(`${origin}/t/${slug}/resultats/rapport.pdf`, { headers: { Cookie: `ec_session=${token}` } }));
  expect(response.status).toBe(200);
  return textOf(await response.arrayBuffer());
}

const oneLine = (text: string) => text.replace(/[\s\u00A0\u202F\u2009]+/g, " ");

beforeAll(async () => {
  await seedEditions(db());
  await seedReferentials(db());
  await seedOfferCatalogue(db());
  // A structure already labelled: the ladder sends it to a flash diagnostic before its renewal.
  const tenant = await makeTenant({ name: "Ville de Gamma", certifications: ["Qualivilles"] });
  slug = tenant.slug;
  const owner = await makeUser({ name: "Léa Martin" });
  ownerId = owner.id;
  await addMember(tenant.id, owner.id, "owner");
  token = (await createSession(owner.id, { userAgent: null, ipAddress: null })).token;
  await enrolWithPhoneAudit(tenant, 2026, 4);
  expect(await publishEditionResults(owner.id, 2026)).toMatchObject({ ok: true });
  ctx = {
    user: { id: owner.id, email: owner.email, name: owner.name },
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, category: tenant.category, kind: tenant.kind, certifications: tenant.certifications },
    role: "owner",
  } as unknown as TenantContext;
});

describe("the results report's next step", () => {
  it("names the step, its reason and the recommended offer with its price HT", async () => {
    const recommendation = await recommendationFor(ctx);
    expect(recommendation.step).toBe("diagnostic_flash");
    const text = await reportText();
    expect(text).toContain("Votre prochaine étape");
    expect(text).toContain("Étape recommandée : Diagnostic flash.");
    expect(text).toContain(oneLine(recommendation.reason));
    expect(text).toContain("Qualivilles");
    expect(text).toContain("Offre recommandée : Diagnostic flash (pré-audit)");
    expect(text).toContain("Durée : 1 jour sur site, restitution comprise · Prix : 1 450,00 € HT");
    expect(text).toContain("rubrique « Offres » de votre espace");
    // The section follows the report's findings, before the action plan.
    expect(text.indexOf("Par où commencer")).toBeLessThan(text.indexOf("Votre prochaine étape"));
  });

  it("says « sur devis » for an offer without a price", async () => {
    const results = await tenantResults(ctx);
    const recommendation = await recommendationFor(ctx, results);
    const pdf = await renderResultsReport({
      tenantName: "Ville de Gamma",
      categoryLabel: "Communes de moins de 20 000 habitants",
      results: results!,
      recommendation: { ...recommendation, offer: { ...recommendation.offer!, title: "Label Qualivilles", priceHtCents: null } },
    });
    const text = await textOf(pdf);
    expect(text).toContain("Offre recommandée : Label Qualivilles");
    expect(text).toContain("Prix : sur devis");
    expect(text).not.toContain("€ HT");
  });

  it("keeps the step and its reason but no offer once the offer is deactivated", async () => {
    await setOfferActive(ownerId, offerCodes.flash, false);
    try {
      const text = await reportText();
      expect(text).toContain("Votre prochaine étape");
      expect(text).toContain("Étape recommandée : Diagnostic flash.");
      expect(text).not.toContain("Offre recommandée");
      expect(text).not.toContain("1 450,00");
    } finally {
      await setOfferActive(ownerId, offerCodes.flash, true);
    }
  });

  it("leaves the section out when no recommendation is given", async () => {
    const results = await tenantResults(ctx);
    const text = await textOf(await renderResultsReport({ tenantName: "Ville de Gamma", categoryLabel: "Communes", results: results! }));
    expect(text).toContain("Par où commencer");
    expect(text).not.toContain("Votre prochaine étape");
  });
});

describe("the results report's characters", () => {
  it("prints what members typed beyond Latin-1 (≤, →, Œ, −) with fonts embedded in the file", async () => {
    const results = await tenantResults(ctx);
    const row = { id: "a1", description: "", status: "À faire", priority: "Haute", channel: "Téléphone", determinant: "", owner: "Zoé Œuvray", dueOn: "", overdue: false, before: "", after: "", edition: "2026" };
    const pdf = await renderResultsReport({
      tenantName: "Communauté de l’Œil − Pays ≥ 3",
      categoryLabel: "Intercommunalités",
      results: results!,
      plan: { progress: "0 % (0 sur 1)", rows: [{ ...row, title: "Rappel ≤ 48 h → 100 % des appels" }] },
    });
    const text = await textOf(pdf);
    expect(text).toContain("Rappel ≤ 48 h → 100 % des appels");
    expect(text).toContain("Zoé Œuvray");
    expect(text).toContain("Communauté de l’Œil − Pays ≥ 3");
    // No standard font left for a viewer to substitute: every glyph comes from the file.
    const raw = Buffer.from(pdf).toString("latin1");
    expect(raw).not.toMatch(/\/BaseFont\s*\/Helvetica/);
    expect(raw).toMatch(/\/FontFile2/);
  });
});
