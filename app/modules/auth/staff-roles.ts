import { z } from "~/utils/zod";

/** AFNOR staff roles (table staff_roles); shared by the server guards and the back-office forms. */
export const staffRoleNames = ["admin", "sales", "auditor"] as const;
export type StaffRole = (typeof staffRoleNames)[number];

export const staffRoleLabels: Record<StaffRole, string> = { admin: "Administration", sales: "Ventes", auditor: "Audit" };

const roles = z.array(z.enum(staffRoleNames, { error: "Rôle inconnu." }));

export const inviteStaffSchema = z.object({
  intent: z.literal("invite", { error: "Cette action n’est pas reconnue. Rechargez la page et réessayez." }),
  email: z
    .string({ error: "Indiquez l’adresse e-mail de la personne à inviter." })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Saisissez une adresse e-mail valide, par exemple prenom.nom@afnor.org." })),
  roles: roles.min(1, { error: "Cochez au moins un rôle." }),
});

export const setStaffRolesSchema = z.object({
  intent: z.literal("set-roles", { error: "Cette action n’est pas reconnue. Rechargez la page et réessayez." }),
  userId: z.uuid({ error: "Utilisateur inconnu." }),
  // No box checked: the field is absent and the person leaves the staff.
  roles: roles.default([]),
});
