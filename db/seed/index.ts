import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../client";
import { memberships, staffRoles, tenants, users } from "../schema";
import { hashPassword } from "../../app/modules/auth/password.server";
import { deriveCategory, type StructureKind } from "../../app/modules/tenancy/categories";
import { completeSiret } from "../../app/modules/tenancy/siret";
import { getTerritory } from "../../app/modules/tenancy/territories.server";
import { seedDemoAudits } from "./audits";
import { seedEditions } from "./editions";
import { seedReferentials } from "./referential";
import { seedDemoPlans } from "./action-plans";
import { seedPracticeLibrary } from "./practices";
import { seedHistory } from "./history";
import { seedOfferCatalogue } from "./offers";
import { seedUnpaidInvoice } from "./unpaid";
import { seedDemoLeads } from "./leads";
import { seedLaureates } from "./laureates";
import { seedKeyFigures } from "./key-figures";

/** The password of every demo account (shown on the login page in demo mode and in the README). */
export const DEMO_PASSWORD = "Barometre-demo-2027";

export const demoStaff = [
  { email: "admin@afnor.example", name: "Claire Administratrice", role: "admin" },
  { email: "ventes@afnor.example", name: "Julien Commercial", role: "sales" },
  { email: "auditeur@afnor.example", name: "Sophie Auditrice", role: "auditor" },
] as const;

export const demoTenants = [
  {
    slug: "villeurbanne",
    name: "Ville de Villeurbanne",
    kind: "commune",
    inseeCode: "69266",
    certifications: ["Qualivilles"],
    members: [
      { email: "qualite@villeurbanne.example", name: "Nadia Responsable Qualité", role: "owner" },
      { email: "accueil@villeurbanne.example", name: "Élodie Cheffe de l'accueil", role: "member" },
      { email: "agent@villeurbanne.example", name: "Karim Agent d'accueil", role: "viewer" },
    ],
  },
  {
    slug: "lambersart",
    name: "Ville de Lambersart",
    kind: "commune",
    inseeCode: "59328",
    certifications: [],
    members: [{ email: "qualite@lambersart.example", name: "Thomas Responsable Qualité", role: "owner" }],
  },
  {
    slug: "pagny-sur-moselle",
    name: "Commune de Pagny-sur-Moselle",
    kind: "commune",
    inseeCode: "54415",
    certifications: [],
    members: [{ email: "mairie@pagny-sur-moselle.example", name: "Léa Secrétaire générale", role: "owner" }],
  },
] as const;

async function upsertUser(database: Database, email: string, name: string, passwordHash: string) {
  const [existing] = await database.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${email}`);
  if (existing) {
    await database.update(users).set({ name, passwordHash }).where(eq(users.id, existing.id));
    return existing.id;
  }
  const [row] = await database.insert(users).values({ email, name, passwordHash, emailVerifiedAt: sql`now()` }).returning({ id: users.id });
  if (!row) throw new Error(`seed: user ${email} not created`);
  return row.id;
}

/** Idempotent: running it again updates the demo rows in place and creates nothing twice. */
export async function seed(database: Database) {
  await seedEditions(database);
  await seedReferentials(database);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const staff of demoStaff) {
    const userId = await upsertUser(database, staff.email, staff.name, passwordHash);
    await database.insert(staffRoles).values({ userId, role: staff.role }).onConflictDoNothing();
  }
  for (const demo of demoTenants) {
    const territory = getTerritory("commune", demo.inseeCode);
    if (!territory?.siren) throw new Error(`seed: commune ${demo.inseeCode} missing from the administrative dataset`);
    const values = {
      slug: demo.slug,
      name: demo.name,
      kind: demo.kind as StructureKind,
      category: deriveCategory(demo.kind, territory.population),
      siret: completeSiret(territory.siren, "0001"),
      territoryCode: territory.code,
      population: territory.population,
      departementCode: territory.departementCode,
      departementName: territory.departementName,
      regionCode: territory.regionCode,
      regionName: territory.regionName,
      certifications: [...demo.certifications],
    };
    const [tenant] = await database
      .insert(tenants)
      .values(values)
      .onConflictDoUpdate({ target: tenants.slug, set: values })
      .returning({ id: tenants.id });
    if (!tenant) throw new Error("seed: tenant upsert failed");
    for (const member of demo.members) {
      const userId = await upsertUser(database, member.email, member.name, passwordHash);
      const [existing] = await database
        .select()
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenant.id), eq(memberships.userId, userId)));
      if (!existing) await database.insert(memberships).values({ tenantId: tenant.id, userId, role: member.role });
    }
  }
  await seedDemoAudits(database);
  // AFNOR's catalogue (diagnostics, trainings with upcoming sessions, labels).
  await seedOfferCatalogue(database);
  // Published 2019–2023 results among ~380 peers, and the 2026 edition under audit.
  await seedHistory(database);
  // The national figures AFNOR published for 2019–2023, shown exactly on the public pages.
  await seedKeyFigures(database);
  // Their action plans in several states: done, in progress, late, before/after across editions.
  await seedDemoPlans(database);
  // The weekly good practices: published on past Mondays, a few scheduled.
  await seedPracticeLibrary(database);
  // The laureates' showcase (2020, 2021, 2023), linked to practices and to consenting demo structures.
  await seedLaureates(database);
  // A peer late with its invoice, for the unpaid follow-up.
  await seedUnpaidInvoice(database);
  await seedDemoLeads(database);
}

export async function isEmpty(database: Database) {
  const [row] = await database.select({ count: sql<number>`count(*)::int` }).from(users);
  return (row?.count ?? 0) === 0;
}
