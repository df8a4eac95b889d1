import { beforeAll, describe, expect, it } from "vitest";
import { completeSiret } from "./siret";
import { DIRECTORY_PAGE_SIZE, listAllTenants } from "./directory.server";
import { makeTenant } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";

useTestDatabase();

beforeAll(async () => {
  for (let i = 0; i < DIRECTORY_PAGE_SIZE + 5; i++) await makeTenant({ name: `Commune témoin ${String(i).padStart(3, "0")}` });
  await makeTenant({ name: "Ville de Saint-Étienne", siret: completeSiret("214202186") });
  await makeTenant({ name: "CCAS 100%_solidaire" });
});

describe("the back-office directory of structures", () => {
  it("pages the structures by name", async () => {
    const first = await listAllTenants();
    expect(first.total).toBe(DIRECTORY_PAGE_SIZE + 7);
    expect(first.rows).toHaveLength(DIRECTORY_PAGE_SIZE);
    const second = await listAllTenants({ page: 2 });
    expect(second.rows).toHaveLength(7);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(DIRECTORY_PAGE_SIZE + 7);
  });

  it("finds a structure by a part of its name, accents and case included, or by its SIRET", async () => {
    expect((await listAllTenants({ query: "saint-étienne" })).rows.map((r) => r.name)).toEqual(["Ville de Saint-Étienne"]);
    expect((await listAllTenants({ query: "214 202 186" })).rows.map((r) => r.name)).toEqual(["Ville de Saint-Étienne"]);
    // LIKE wildcards typed by staff are searched for, not interpreted.
    expect((await listAllTenants({ query: "100%_" })).rows.map((r) => r.name)).toEqual(["CCAS 100%_solidaire"]);
    expect((await listAllTenants({ query: "%" })).total).toBe(1);
  });
});
