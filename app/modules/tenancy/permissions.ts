/**
 * Roles of a structure's members and what each may do: the one place where this is decided.
 * Routes ask `requireMembership(request, slug, "members.invite")`; components ask `can(role, …)`.
 */
export const memberRoles = ["owner", "member", "viewer"] as const;
export type MemberRole = (typeof memberRoles)[number];

export const memberRoleLabels: Record<MemberRole, string> = {
  owner: "Responsable",
  member: "Contributeur",
  viewer: "Lecteur",
};

export const memberRoleDescriptions: Record<MemberRole, string> = {
  owner: "Gère la structure, ses membres, l'inscription et la facturation.",
  member: "Consulte les résultats et fait avancer le plan d'action.",
  viewer: "Consulte sans rien modifier.",
};

export const permissions = [
  "tenant.read",
  "tenant.update",
  "members.read",
  "members.invite",
  "members.manage",
  "enrolment.manage",
  "orders.manage",
  "billing.read",
  "results.read",
  "actions.write",
  "tenant.export",
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<MemberRole, readonly Permission[]> = {
  owner: permissions,
  member: ["tenant.read", "members.read", "results.read", "actions.write"],
  viewer: ["tenant.read", "members.read", "results.read"],
};

export function can(role: MemberRole, permission: Permission): boolean {
  return rolePermissions[role].includes(permission);
}
