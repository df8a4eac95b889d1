import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { auditLog } from "../../../db/schema";
import { makeTenant, makeUser } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { AUDIT_PAGE_SIZE, countAuditLog, listAuditActions, searchAuditLog, summarizeDetails } from "./audit-log.server";

useTestDatabase();

let tenantId = "";
let actorEmail = "";

beforeAll(async () => {
  const tenant = await makeTenant({ name: "Mairie de Journalville", slug: "journalville" });
  const other = await makeTenant({ name: "Commune d'Ailleurs", slug: "ailleurs" });
  tenantId = tenant.id;
  const actor = await makeUser({ email: "auditrice.journal@afnor.example", name: "Auditrice Journal" });
  actorEmail = actor.email;
  // 120 rows a day apart on one structure, plus rows elsewhere and without actor.
  const start = Date.parse("2026-01-01T09:00:00Z");
  await db()
    .insert(auditLog)
    .values(
      Array.from({ length: 120 }, (_, i) => ({
        tenantId: tenant.id,
        actorUserId: actor.id,
        action: i % 2 === 0 ? "journal.even" : "journal.odd",
        targetType: "tenant",
        targetId: tenant.id,
        details: JSON.stringify({ index: i }),
        createdAt: new Date(start + i * 86_400_000),
      })),
    );
  await db()
    .insert(auditLog)
    .values([
      { tenantId: other.id, actorUserId: null, action: "journal.elsewhere", createdAt: new Date("2026-02-10T22:30:00Z") },
      { tenantId: null, actorUserId: actor.id, action: "journal.platform", createdAt: new Date("2026-02-10T23:30:00Z") },
    ]);
});

describe("searchAuditLog", () => {
  it("pages the newest entries first, 50 at a time", async () => {
    const filters = { structure: "journalville" };
    expect(await countAuditLog(filters)).toBe(120);
    const first = await searchAuditLog(filters, 1);
    expect(first).toHaveLength(AUDIT_PAGE_SIZE);
    expect(JSON.parse(first[0]!.details!)).toEqual({ index: 119 });
    expect(first[0]).toMatchObject({ tenantName: "Mairie de Journalville", actorEmail, actorName: "Auditrice Journal" });
    const third = await searchAuditLog(filters, 3);
    expect(third).toHaveLength(20);
    expect(JSON.parse(third.at(-1)!.details!)).toEqual({ index: 0 });
    expect(await searchAuditLog(filters, null)).toHaveLength(120);
  });

  it("filters by structure name, actor e-mail, action and tenant", async () => {
    expect(await countAuditLog({ structure: "Journalville", action: "journal.odd" })).toBe(60);
    expect(await countAuditLog({ actorEmail: "AUDITRICE.journal" })).toBe(121);
    expect(await countAuditLog({ structure: "ailleurs" })).toBe(1);
    expect(await countAuditLog({ tenantId, action: "journal.platform" })).toBe(0);
    // LIKE wildcards typed in a filter match literally.
    expect(await countAuditLog({ structure: "%" })).toBe(0);
  });

  it("reads date bounds as Paris calendar days, both included", async () => {
    // 22:30 UTC on 10 February is 23:30 in Paris (still the 10th); 23:30 UTC is already the 11th.
    const rows = await searchAuditLog({ from: "2026-02-10", to: "2026-02-10", action: "journal.elsewhere" }, 1);
    expect(rows).toHaveLength(1);
    expect(await countAuditLog({ from: "2026-02-11", to: "2026-02-11", action: "journal.platform" })).toBe(1);
    expect(await countAuditLog({ from: "2026-02-10", to: "2026-02-10", action: "journal.platform" })).toBe(0);
    expect(await countAuditLog({ structure: "journalville", from: "2026-01-01", to: "2026-01-10" })).toBe(10);
  });

  it("lists the distinct actions and shortens details", async () => {
    expect(await listAuditActions()).toEqual(expect.arrayContaining(["journal.even", "journal.odd", "journal.elsewhere", "journal.platform"]));
    expect(summarizeDetails(JSON.stringify({ from: "a", to: "b" }))).toBe('{ "from": "a", "to": "b" }');
    expect(summarizeDetails(JSON.stringify({ text: "x".repeat(500) }), 40)).toHaveLength(40);
    expect(summarizeDetails(null)).toBe("");
  });
});
