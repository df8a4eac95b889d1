import { commonPasswords as commonPasswordList } from "./common-passwords";

/** Password rules, shared by the browser and the server through the zod schemas. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

const commonPasswords = new Set(commonPasswordList);

/** Returns a French message when the password is too weak, or null. */
export function passwordWeakness(password: string, email?: string | null): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Le mot de passe ne peut pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`;
  const lowered = password.toLowerCase();
  if (commonPasswords.has(lowered)) return "Ce mot de passe est trop courant : choisissez-en un autre.";
  if (new Set(lowered).size < 4) return "Ce mot de passe est trop répétitif : choisissez-en un autre.";
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lowered.includes(local)) return "Le mot de passe ne doit pas reprendre votre adresse e-mail.";
  return null;
}
