import { eq } from "drizzle-orm";
import type { RouteObject } from "react-router-dom";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { audits, staffRoles } from "../../db/schema";
import { seedEditions } from "../../db/seed/editions";
import { seedPracticeLibrary } from "../../db/seed/practices";
import { SCHEDULED_PRACTICES, seedPractices } from "../../db/seed/practices-data";
import { seedReferentials } from "../../db/seed/referential";
import { addMember, enrolWithPhoneAudit, makeTenant, makeUser, requestWithSession } from "../../db/testing/factories";
import { routeResponse } from "../../db/testing/routes";
import { useTestDatabase } from "../../db/testing/test-database";
import { createSession } from "../modules/auth/session.server";
import { completeSiret } from "../modules/tenancy/siret";
import { formatShortDate } from "../utils/format";
import * as auditsCsv from "./admin.audits[.csv]";
import * as practicesCsv from "./admin.bonnes-pratiques[.csv]";
import * as editionsCsv from "./admin.editions[.csv]";
import * as staffCsv from "./admin.equipe[.csv]";
import * as publicationCsv from "./admin.publication[.csv]";
import * as referentialsCsv from "./admin.referentiel[.csv]";
import * as structuresCsv from "./admin.structures[.csv]";

/*
 * The back-office's CSV exports, as the server answers them: a French Excel file (BOM, `;`, CRLF),
 * the page's header and rows, the page's filters, and the page's roles.
 */

useTestDatabase();

const origin = "http://localhost:3000";
type Who = "admin" | "sales" | "auditor" | "owner";
const tokens: Record<Who, string> = { admin: "", sales: "", auditor: "", owner: "" };

const routes = [
  { id: "structures", path: "/admin/structures.csv", loader: structuresCsv.loader },
  { id: "editions", path: "/admin/editions.csv", loader: editionsCsv.loader },
  { id: "audits", path: "/admin/audits.csv", loader: auditsCsv.loader },
  { id: "referentials", path: "/admin/referentiel.csv", loader: referentialsCsv.loader },
  { id: "publication", path: "/admin/publication.csv", loader: publicationCsv.loader },
  { id: "practices", path: "/admin/bonnes-pratiques.csv", loader: practicesCsv.loader },
  { id: "staff", path: "/admin/equipe.csv", loader: staffCsv.loader },
] as unknown as RouteObject[];

beforeAll(async () => {
  await seedEditions(db());
  await seedReferentials(db());
  await seedPracticeLibrary(db());
  const staff = [
    { role: "admin", name: "Alice Admin", passwordHash: "x" },
    { role: "sales", name: "Sam Ventes", passwordHash: "x" },
    { role: "auditor", name: "Aline Auditrice", passwordHash: null },
  ] as const;
  const ids: Record<string, string> = {};
  for (const member of staff) {
    const user = await makeUser({ email: `${member.role}-csv@afnor.example`, name: member.name, passwordHash: member.passwordHash });
    await db().insert(staffRoles).values({ userId: user.id, role: member.role });
    tokens[member.role] = (await createSession(user.id, { userAgent: null, ipAddress: null })).token;
    ids[member.role] = user.id;
  }
  const tours = await makeTenant({
    name: "Ville de Tours",
    slug: "tours",
    category: "commune_plus_50000",
    siret: completeSiret("213702619"),
    territoryCode: "37261",
    population: 136463,
    departementCode: "37",
    departementName: "Indre-et-Loire",
    regionName: "Centre-Val de Loire",
  });
  await makeTenant({ name: "Mairie de Bastia", slug: "bastia", territoryCode: "2B033", departementCode: "2B", departementName: "Haute-Corse", regionName: "Corse" });
  const owner = await makeUser({ email: "qualite@tours.example" });
  await addMember(tours.id, owner.id, "owner");
  tokens.owner = (await createSession(owner.id, { userAgent: null, ipAddress: null })).token;
  // One submitted phone audit of 2027, assigned to the auditor: Tours is ready to be published.
  const { audit } = await enrolWithPhoneAudit(tours, 2027, 3);
  await db().update(audits).set({ auditorUserId: ids.auditor! }).where(eq(audits.id, audit.id));
}, 120_000);

const get = (who: Who, path: string) => routeResponse(routes, requestWithSession(tokens[who], `${origin}${path}`));

/** The file as lines, after checking it is a French Excel CSV download. */
async function csvLines(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="[\w.-]+\.csv"$/);
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  expect(text.startsWith("\uFEFF")).toBe(true);
  expect(text.endsWith("\r\n")).toBe(true);
  return text.slice(1).split("\r\n").slice(0, -1);
}

describe("the back-office CSV exports", () => {
  it("structures: every match of the page's filters, by name", async () => {
    const lines = await csvLines(await get("sales", "/admin/structures.csv"));
    expect(lines[0]).toBe(
      "Nom;Identifiant;Type de structure;Catégorie;SIRET;Code INSEE du territoire;Population;Code département;Département;Région;Membres;Créée le",
    );
    expect(lines.slice(1).map((l) => l.split(";")[0])).toEqual(["Mairie de Bastia", "Ville de Tours"]);
    expect(lines[2]).toBe(
      `Ville de Tours;tours;Commune;Mairies de plus de 50 000 habitants;213 702 619 ${completeSiret("213702619").slice(9)};37261;136463;37;Indre-et-Loire;Centre-Val de Loire;1;${formatShortDate(new Date())}`,
    );
    const filtered = await csvLines(await get("admin", "/admin/structures.csv?q=2b033"));
    expect(filtered.slice(1).map((l) => l.split(";")[0])).toEqual(["Mairie de Bastia"]);
    const byDepartement = await csvLines(await get("admin", "/admin/structures.csv?departement=37&categorie=commune_plus_50000"));
    expect(byDepartement.slice(1).map((l) => l.split(";")[0])).toEqual(["Ville de Tours"]);
  });

  it("editions: newest first, with the calendar", async () => {
    const lines = await csvLines(await get("admin", "/admin/editions.csv"));
    expect(lines[0]).toBe(
      "Année;N°;Titre;Statut;Ouverture des inscriptions;Clôture des inscriptions;Début des audits;Fin des audits;Publication;Version du référentiel",
    );
    expect(lines[1]).toMatch(/^2027;13;Baromètre Expérience Citoyen 2027;Ouverte;\d{2}\/\d{2}\/2\d{3};/);
    expect(lines).toContain("2020;8;Baromètre Expérience Citoyen 2020;Fermée;07/02/2020;08/04/2020;02/05/2020;30/06/2020;15/11/2020;2020.1");
  });

  it("audits: the admin's edition and status filters; an auditor's own audits", async () => {
    const header = "Structure;Édition;N°;Canal;Scénario;Date prévue;Statut;Auditeur";
    const row = "Ville de Tours;2027;1;Téléphone;Demande d'acte;;Validé;Aline Auditrice";
    const admin = await get("admin", "/admin/audits.csv?annee=2027&statut=submitted");
    expect(admin.headers.get("Content-Disposition")).toBe('attachment; filename="audits-2027-submitted.csv"');
    expect(await csvLines(admin)).toEqual([header, row]);
    expect(await csvLines(await get("admin", "/admin/audits.csv?annee=2027&statut=planned"))).toEqual([header]);
    expect(await csvLines(await get("admin", "/admin/audits.csv?annee=2027&statut=non-affecte"))).toEqual([header]);
    expect(await csvLines(await get("auditor", "/admin/audits.csv?annee=2020"))).toEqual([header, row]);
  });

  it("referentials: one row per edition with its counts", async () => {
    const lines = await csvLines(await get("auditor", "/admin/referentiel.csv"));
    expect(lines[0]).toBe("Édition;Titre de l'édition;Version;Statut;Publié le;Déterminants;Items");
    const row2027 = lines.find((l) => l.startsWith("2027;"))!.split(";");
    expect(row2027.slice(0, 2)).toEqual(["2027", "Baromètre Expérience Citoyen 2027"]);
    expect(["Publié", "Brouillon"]).toContain(row2027[3]);
    expect(Number(row2027[5])).toBe(20);
    expect(Number(row2027[6])).toBeGreaterThan(100);
  });

  it("publication: the overview per edition", async () => {
    const lines = await csvLines(await get("sales", "/admin/publication.csv"));
    expect(lines[0]).toBe(
      "Édition;Titre;Publication prévue;Structures inscrites en audit;Structures aux audits tous validés;Structures en attente;Audits validés;Audits planifiés;Dernière version publiée;Publiée le;Publiée par;Structures publiées",
    );
    expect(lines[1]).toMatch(/^2027;Baromètre Expérience Citoyen 2027;\d{2}\/\d{2}\/\d{4};1;1;0;1;1;;;;$/);
  });

  it("practices: every practice with its status", async () => {
    const lines = await csvLines(await get("admin", "/admin/bonnes-pratiques.csv"));
    expect(lines[0]).toBe("N°;Titre;Statut;Publication;Adresse publique;Modifiée le");
    expect(lines).toHaveLength(seedPractices.length + 1);
    const [first] = lines.filter((l) => l.startsWith("1;"));
    expect(first).toContain(";Publiée;");
    expect(first).toContain(";/bonnes-pratiques/1-");
    const scheduled = lines.find((l) => l.startsWith(`${seedPractices.length};`));
    expect(scheduled).toContain(";Programmée;");
    expect(lines.filter((l) => l.includes(";Programmée;"))).toHaveLength(SCHEDULED_PRACTICES);
  });

  it("team: each member with their roles", async () => {
    const lines = await csvLines(await get("admin", "/admin/equipe.csv"));
    expect(lines).toEqual([
      "Nom;Adresse e-mail;Rôles;Compte",
      "Alice Admin;admin-csv@afnor.example;Administration;Actif",
      "Aline Auditrice;auditor-csv@afnor.example;Audit;Invitation en attente",
      "Sam Ventes;sales-csv@afnor.example;Ventes;Actif",
    ]);
  });
});

describe("who may export", () => {
  const access: Record<string, Record<Exclude<Who, "owner">, number>> = {
    "/admin/structures.csv": { admin: 200, sales: 200, auditor: 403 },
    "/admin/editions.csv": { admin: 200, sales: 200, auditor: 403 },
    "/admin/audits.csv": { admin: 200, sales: 403, auditor: 200 },
    "/admin/referentiel.csv": { admin: 200, sales: 200, auditor: 200 },
    "/admin/publication.csv": { admin: 200, sales: 200, auditor: 403 },
    "/admin/bonnes-pratiques.csv": { admin: 200, sales: 403, auditor: 403 },
    "/admin/equipe.csv": { admin: 200, sales: 403, auditor: 403 },
  };

  for (const [path, roles] of Object.entries(access)) {
    it(`${path}: the page's roles only, 404 for a structure's user, login for anonymous`, async () => {
      for (const [role, status] of Object.entries(roles)) expect((await get(role as Who, path)).status, role).toBe(status);
      expect((await get("owner", path)).status).toBe(404);
      const anonymous = await routeResponse(routes, new Request(`${origin}${path}`));
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get("Location")).toMatch(/^\/connexion\?redirectTo=/);
    });
  }
});
