import { z } from "~/utils/zod";
import { PASSWORD_MAX_LENGTH, passwordWeakness } from "./password-policy";

/** Form schemas shared by the browser (Conform) and the server: same French message on the same field. */
export const emailField = z
  .string({ error: "Indiquez votre adresse e-mail." })
  .trim()
  .min(1, "Indiquez votre adresse e-mail.")
  .max(254, "Cette adresse e-mail est trop longue.")
  .toLowerCase()
  .pipe(z.email({ error: "Indiquez une adresse e-mail valide, par exemple nom@mairie.fr." }));

export const redirectToField = z
  .string()
  .optional()
  .transform((value) => safeRedirect(value));

export function safeRedirect(value: string | null | undefined, fallback = "/mon-espace") {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}

export const loginSchema = z.object({
  email: emailField,
  password: z.string({ error: "Indiquez votre mot de passe." }).min(1, "Indiquez votre mot de passe.").max(PASSWORD_MAX_LENGTH),
  redirectTo: redirectToField,
});

export const newPasswordField = z.string({ error: "Choisissez un mot de passe." }).min(1, "Choisissez un mot de passe.");

export const signupSchema = z
  .object({
    name: z.string({ error: "Indiquez vos prénom et nom." }).trim().min(2, "Indiquez vos prénom et nom.").max(120, "120 caractères au plus."),
    email: emailField,
    password: newPasswordField,
  })
  .superRefine((value, ctx) => {
    const weakness = passwordWeakness(value.password, value.email);
    if (weakness) ctx.addIssue({ code: "custom", path: ["password"], message: weakness });
  });

export const emailOnlySchema = z.object({ email: emailField, redirectTo: redirectToField });

const RESET_LINK_MESSAGE = "Ce lien de réinitialisation n’est pas valide : demandez-en un nouveau.";

export const resetPasswordSchema = z
  .object({
    token: z.string({ error: RESET_LINK_MESSAGE }).min(1, RESET_LINK_MESSAGE).max(100, RESET_LINK_MESSAGE),
    password: newPasswordField,
    confirmation: z.string({ error: "Confirmez le mot de passe." }).min(1, "Confirmez le mot de passe."),
  })
  .superRefine((value, ctx) => {
    const weakness = passwordWeakness(value.password);
    if (weakness) ctx.addIssue({ code: "custom", path: ["password"], message: weakness });
    else if (value.password !== value.confirmation)
      ctx.addIssue({ code: "custom", path: ["confirmation"], message: "Les deux mots de passe ne sont pas identiques." });
  });
