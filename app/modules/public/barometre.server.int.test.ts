import { addMonths, formatISO } from "date-fns";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { editions } from "../../../db/schema";
import { seedEditions } from "../../../db/seed/editions";
import { addMember, makeTenant, makeUser, requestWithSession } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { createSession } from "../auth/session.server";
import { defaultAuditPlan } from "../editions/audit-plan";
import { barometrePage } from "./barometre.server";

useTestDatabase();

beforeAll(async () => {
  await seedEditions(db());
});

/** Intl fr-FR separates thousands with U+202F and the currency with U+00A0: compare on plain spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

const anonymous = () => new Request("http://localhost:3000/barometre");

async function signedIn(role?: "owner" | "member" | "viewer") {
  const user = await makeUser();
  const tenant = role ? await makeTenant({ name: `Commune ${role}` }) : null;
  if (tenant && role) await addMember(tenant.id, user.id, role);
  const { token } = await createSession(user.id, { userAgent: null, ipAddress: null });
  return { request: requestWithSession(token, "http://localhost:3000/barometre"), tenant };
}

describe("barometrePage", () => {
  it("shows the open 2027 edition with its calendar formatted in French", async () => {
    const page = await barometrePage(anonymous());
    expect(page.edition?.year).toBe(2027);
    expect(page.edition?.number).toBe(13);
    expect(page.edition?.title).toBe("Baromètre Expérience Citoyen 2027");
    for (const date of [page.edition!.enrolmentOpensOn, page.edition!.auditEndsOn, page.edition!.publicationOn]) {
      expect(date).toMatch(/^\d{1,2}(er)? [a-zéû]+ \d{4}$/);
    }
    expect(page.upcoming).toBeNull();
  });

  it("splits the 13 audits over the 6 channels", async () => {
    const { auditPlan } = await barometrePage(anonymous());
    expect(auditPlan.total).toBe(13);
    expect(auditPlan.channels).toHaveLength(6);
    expect(auditPlan.channels.reduce((sum, channel) => sum + channel.count, 0)).toBe(13);
    expect(auditPlan.channels.find((channel) => channel.channel === "telephone")).toMatchObject({ label: "Téléphone", count: 4 });
    expect(auditPlan.channels.find((channel) => channel.channel === "accueil_physique")?.optional).toBe(true);
    expect(auditPlan.totalWithoutOnsiteVisit).toBe(12);
  });

  it("prices each category HT, VAT and TTC as quotes do", async () => {
    const { prices, onsiteVisit } = await barometrePage(anonymous());
    expect(prices).toHaveLength(9);
    const small = prices.find((row) => row.label === "Mairies de moins de 20 000 habitants");
    expect(small).toMatchObject({ htCents: 149_000, vatCents: 29_800, ttcCents: 178_800 });
    expect(plain(small!.ht)).toBe("1 490,00 €");
    expect(plain(small!.vat)).toBe("298,00 €");
    expect(plain(small!.ttc)).toBe("1 788,00 €");
    for (const row of prices) expect(row.ttcCents).toBe(row.htCents + Math.round(row.htCents * 0.2));
    expect(onsiteVisit).toMatchObject({ htCents: 45_000, ttcCents: 54_000 });
  });

  it("sends each visitor to the right next step", async () => {
    expect((await barometrePage(anonymous())).callToAction).toEqual({
      kind: "signup",
      links: [{ to: "/inscription?redirectTo=/barometre", label: expect.any(String) }],
    });

    const newcomer = await signedIn();
    expect((await barometrePage(newcomer.request)).callToAction).toMatchObject({ kind: "create-structure", links: [{ to: "/structures/nouvelle" }] });

    const owner = await signedIn("owner");
    expect((await barometrePage(owner.request)).callToAction).toMatchObject({
      kind: "enrol",
      links: [{ to: `/t/${owner.tenant!.slug}/inscription` }],
    });

    const viewer = await signedIn("viewer");
    expect((await barometrePage(viewer.request)).callToAction).toMatchObject({ kind: "my-space", links: [{ to: "/mon-espace" }] });
  });

  // Last: it closes the open edition.
  it("says when the next campaign opens when none is open", async () => {
    await db().update(editions).set({ status: "closed" }).where(eq(editions.year, 2027));
    const empty = await barometrePage(anonymous());
    expect(empty).toMatchObject({ edition: null, upcoming: null, prices: [], onsiteVisit: null });
    expect(empty.auditPlan.total).toBe(13);

    const opens = addMonths(new Date(), 2);
    await db()
      .insert(editions)
      .values({
        year: 2028,
        number: 13,
        title: "Baromètre Expérience Citoyen 2028",
        status: "draft",
        enrolmentOpensOn: formatISO(opens, { representation: "date" }),
        enrolmentClosesOn: formatISO(addMonths(opens, 2), { representation: "date" }),
        auditStartsOn: formatISO(addMonths(opens, 3), { representation: "date" }),
        auditEndsOn: formatISO(addMonths(opens, 5), { representation: "date" }),
        publicationOn: formatISO(addMonths(opens, 8), { representation: "date" }),
        referentialVersion: "2028.1",
        auditPlan: defaultAuditPlan,
        termsVersion: "CGV-2028-01",
      });
    const next = await barometrePage(anonymous());
    expect(next.edition).toBeNull();
    expect(next.upcoming).toMatchObject({ year: 2028 });
    expect(next.upcoming?.enrolmentOpensOn).toMatch(/ \d{4}$/);
  });
});
