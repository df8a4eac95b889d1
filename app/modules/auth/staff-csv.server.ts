import { staffRoleLabels } from "./staff-roles";
import { listStaff } from "./staff.server";

/** The AFNOR team with their active roles, for French Excel. */
export async function staffCsv() {
  const staff = await listStaff();
  return {
    filename: "equipe-afnor.csv",
    header: ["Nom", "Adresse e-mail", "Rôles", "Compte"],
    rows: staff.map((member) => [
      member.name,
      member.email,
      member.roles.map((role) => staffRoleLabels[role]).join(", "),
      member.hasPassword ? "Actif" : "Invitation en attente",
    ]),
  };
}
