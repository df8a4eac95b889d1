import { desc, eq, sql } from "drizzle-orm";
import { db } from "../client";
import { emailOutbox, memberships, tenants, users } from "../schema";
import { completeSiret } from "../../app/modules/tenancy/siret";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export async function makeUser(overrides: Partial<typeof users.$inferInsert> = {}) {
  const [user] = await db()
    .insert(users)
    .values({ email: `agent-${unique()}@exemple.fr`, name: "Agent Test", emailVerifiedAt: new Date(), ...overrides })
    .returning();
  return user!;
}

export async function makeTenant(overrides: Partial<typeof tenants.$inferInsert> = {}) {
  const [tenant] = await db()
    .insert(tenants)
    .values({
      slug: `structure-${unique()}`,
      name: "Commune de Test",
      kind: "commune",
      category: "commune_moins_20000",
      siret: completeSiret("215404153"),
      ...overrides,
    })
    .returning();
  return tenant!;
}

export async function addMember(tenantId: string, userId: string, role: "owner" | "member" | "viewer") {
  await db().insert(memberships).values({ tenantId, userId, role });
}

/** The newest e-mail to an address, as the outbox holds it. */
export async function lastEmailTo(address: string) {
  const [row] = await db()
    .select()
    .from(emailOutbox)
    .where(sql`lower(${emailOutbox.toAddress}) = ${address.toLowerCase()}`)
    .orderBy(desc(emailOutbox.createdAt))
    .limit(1);
  return row ?? null;
}

export async function emailsTo(address: string) {
  return db().select().from(emailOutbox).where(eq(emailOutbox.toAddress, address));
}

/** The `token` query parameter of the first link in an e-mail's text. */
export function tokenFromEmail(text: string, path: string) {
  const match = text.match(new RegExp(`https?://[^\\s]+${path.replace(/\//g, "\\/")}\\?token=([a-z2-7]+)`));
  if (!match?.[1]) throw new Error(`no ${path} link in e-mail:\n${text}`);
  return match[1];
}

export function requestWithSession(token: string, url = "http://localhost:3000/") {
  return new Request(url, { headers: { Cookie: `ec_session=${token}` } });
}
