import { z } from "~/utils/zod";
import { safeRedirect } from "./schemas";

/** The ProConnect button's form: where to go after the login, and whether to ask for MFA. */
export const proconnectStartSchema = z.object({
  redirectTo: z
    .string()
    .max(2000)
    .optional()
    .catch(undefined)
    .transform((value) => safeRedirect(value)),
  mfa: z
    .string()
    .optional()
    .catch(undefined)
    .transform((value) => value === "1"),
});

/** The link e-mailed to confirm a ProConnect association. */
export const proconnectLinkSchema = z.object({ token: z.string().max(100) });
