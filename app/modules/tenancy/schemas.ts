import { z } from "~/utils/zod";
import { emailField } from "../auth/schemas";
import { structureKinds } from "./categories";
import { memberRoles } from "./permissions";
import { isValidSiret, normaliseSiret } from "./siret";

export const reservedSlugs = new Set(["admin", "api", "nouvelle", "dev", "t", "connexion", "inscription", "compte", "afnor"]);

export const slugField = z
  .string({ error: "Choisissez l'adresse de votre espace." })
  .trim()
  .toLowerCase()
  .min(3, "L'adresse doit contenir au moins 3 caractères.")
  .max(60, "L'adresse ne peut dépasser 60 caractères.")
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Utilisez des lettres minuscules sans accent, des chiffres et des tirets (ex. : ville-de-lyon).")
  .refine((slug) => !reservedSlugs.has(slug), "Cette adresse est réservée : choisissez-en une autre.");

export const siretField = z
  .string({ error: "Indiquez le SIRET de la structure." })
  .transform(normaliseSiret)
  .refine((value) => /^\d{14}$/.test(value), "Le SIRET compte 14 chiffres (SIREN à 9 chiffres + NIC à 5 chiffres).")
  .refine(isValidSiret, "Ce SIRET n'est pas valide (la clé de contrôle ne correspond pas) : vérifiez-le sur l'avis de situation INSEE.");

export const createTenantSchema = z.object({
  kind: z.enum(structureKinds, { error: "Choisissez le type de structure." }),
  territoryCode: z.string({ error: "Choisissez votre collectivité dans la liste proposée." }).trim().max(20, "Choisissez votre collectivité dans la liste proposée.").optional(),
  name: z.string({ error: "Indiquez le nom de la structure." }).trim().min(2, "Indiquez le nom de la structure.").max(160, "160 caractères au plus."),
  siret: siretField,
  slug: slugField,
});

export const inviteSchema = z.object({
  intent: z.literal("invite", { error: "Cette action n’est pas reconnue. Rechargez la page et réessayez." }),
  email: emailField,
  role: z.enum(memberRoles, { error: "Choisissez un rôle." }),
});

export const changeRoleSchema = z.object({
  intent: z.literal("change-role", { error: "Cette action n’est pas reconnue. Rechargez la page et réessayez." }),
  userId: z.uuid("Membre inconnu."),
  role: z.enum(memberRoles, { error: "Choisissez un rôle." }),
});

export const removeMemberSchema = z.object({
  intent: z.literal("remove", { error: "Cette action n’est pas reconnue. Rechargez la page et réessayez." }),
  userId: z.uuid("Membre inconnu."),
});

export const revokeInvitationSchema = z.object({
  intent: z.literal("revoke-invitation", { error: "Cette action n’est pas reconnue. Rechargez la page et réessayez." }),
  invitationId: z.uuid("Invitation inconnue."),
});

/** "Demander à rejoindre" a structure whose SIRET matches the user's ProConnect claim. */
export const joinRequestSchema = z.object({
  intent: z.literal("request", { error: "Cette action n’est pas reconnue. Rechargez la page et réessayez." }),
  tenantId: z.uuid("Structure inconnue."),
});

/** An owner's answer to a request to join: accept with a role, or refuse. */
export const decideRequestSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("approve-request", { error: "Cette action n’est pas reconnue. Rechargez la page et réessayez." }),
    requestId: z.uuid("Demande inconnue."),
    role: z.enum(memberRoles, { error: "Choisissez un rôle." }),
  }),
  z.object({
    intent: z.literal("refuse-request", { error: "Cette action n’est pas reconnue. Rechargez la page et réessayez." }),
    requestId: z.uuid("Demande inconnue."),
  }),
]);
