// SIREN (9 digits, the legal unit) and SIRET (14 digits: SIREN + 5-digit NIC, one
// establishment) identifiers. Pure functions: safe on the client and the server.

/** SIREN of La Poste, whose establishments do not follow the Luhn rule. */
const LA_POSTE_SIREN = "356000000";

/** Removes the separators people type or paste: spaces (incl. no-break), dots, dashes. */
export function normaliseSiret(input: string): string {
  return input.replace(/[\s.\-‐‑–—]/g, "");
}

/** True when the Luhn sum of a string of digits is a multiple of 10. */
function passesLuhn(digits: string): boolean {
  return luhnSum(digits) % 10 === 0;
}

function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    // Every second digit from the right is doubled, its two digits added.
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (const char of digits) sum += Number(char);
  return sum;
}

/**
 * A SIRET is 14 digits passing the Luhn check. La Poste's establishments (SIREN
 * 356000000) are numbered differently: INSEE accepts them when the sum of their
 * digits is a multiple of 5 (its head office, 356 000 000 00048, also passes Luhn).
 */
export function isValidSiret(input: string): boolean {
  const siret = normaliseSiret(input);
  if (!/^\d{14}$/.test(siret)) return false;
  if (passesLuhn(siret)) return true;
  return siret.startsWith(LA_POSTE_SIREN) && digitSum(siret) % 5 === 0;
}

/** A SIREN is 9 digits passing the Luhn check. */
export function isValidSiren(input: string): boolean {
  const siren = normaliseSiret(input);
  return /^\d{9}$/.test(siren) && passesLuhn(siren);
}

/**
 * Builds a Luhn-valid SIRET from a SIREN, a 4-digit NIC prefix and a computed check
 * digit. Meant for demo and test data, where only a SIREN is known.
 */
export function completeSiret(siren: string, nicPrefix = "0001"): string {
  const cleanSiren = normaliseSiret(siren);
  const cleanPrefix = normaliseSiret(nicPrefix);
  if (!/^\d{9}$/.test(cleanSiren)) {
    throw new Error(`completeSiret: SIREN must have 9 digits, got "${siren}"`);
  }
  if (!/^\d{4}$/.test(cleanPrefix)) {
    throw new Error(`completeSiret: NIC prefix must have 4 digits, got "${nicPrefix}"`);
  }
  for (let digit = 0; digit <= 9; digit += 1) {
    const candidate = `${cleanSiren}${cleanPrefix}${digit}`;
    if (passesLuhn(candidate)) return candidate;
  }
  // Unreachable with the Luhn rule (the last digit is never doubled), kept as a guard.
  throw new Error(`completeSiret: no check digit makes ${cleanSiren}${cleanPrefix}? valid`);
}

/**
 * Groups a SIRET as "216 902 668 00011" (3 3 3 5) and a SIREN as "216 902 668".
 * Anything else is returned trimmed, unchanged, so a wrong entry is shown as typed.
 */
export function formatSiret(s: string): string {
  const digits = normaliseSiret(s);
  if (/^\d{14}$/.test(digits)) {
    return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 9)} ${digits.slice(9)}`;
  }
  if (/^\d{9}$/.test(digits)) {
    return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
  }
  return s.trim();
}
