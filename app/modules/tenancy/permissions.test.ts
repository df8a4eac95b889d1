import { describe, expect, it } from "vitest";
import { can, memberRoles, permissions, rolePermissions } from "./permissions";

describe("role permissions", () => {
  it("gives owners every permission", () => {
    for (const permission of permissions) expect(can("owner", permission)).toBe(true);
  });

  it("never lets a viewer change anything", () => {
    const writes = permissions.filter((p) => !p.endsWith(".read"));
    for (const permission of writes) expect(can("viewer", permission)).toBe(false);
  });

  it("lets only owners invite and manage members", () => {
    expect(memberRoles.filter((role) => can(role, "members.invite"))).toEqual(["owner"]);
    expect(memberRoles.filter((role) => can(role, "members.manage"))).toEqual(["owner"]);
  });

  it("keeps each role's permissions a subset of the next higher role", () => {
    for (const p of rolePermissions.viewer) expect(rolePermissions.member).toContain(p);
    for (const p of rolePermissions.member) expect(rolePermissions.owner).toContain(p);
  });
});
