/*
 * Words of zod's English defaults (and of English error prose in general). A refusal a user can
 * meet is written in French: the fuzz tests of the schemas and of the form actions flag any message
 * this matches. French words such as « invalide » do not match (word boundaries).
 */
const ENGLISH_WORDS = /\b(expected|invalid|received|required|must|string|number|input|too (small|big)|should|undefined|unrecognized|nan)\b/i;

export function looksEnglish(message: string): boolean {
  return ENGLISH_WORDS.test(message);
}
