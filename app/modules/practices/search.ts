/*
 * Pure helpers of the good-practice library: accent folding for full-text search, highlighted
 * excerpts, the "12-accueil-telephonique" address and the weekly publication slot.
 * Free of server dependencies: the routes and the seed use them too.
 */
import { slugify } from "../tenancy/slug";

/** "Téléphonique" → "telephonique": the stored document and the query are folded the same way. */
export function foldAccents(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/œ/g, "oe")
    .replace(/Œ/g, "OE")
    .replace(/æ/g, "ae")
    .replace(/Æ/g, "AE")
    .toLowerCase();
}

/** Markdown to searchable plain text: no link targets, no markup characters. */
export function markdownToText(markdown: string): string {
  return markdown
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]*>/g, " ")
    .replace(/^[ \t]*(#{1,6}|>|[-*+]|\d+\.)[ \t]+/gm, "")
    .replace(/[*_`~]+/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** The words of a query worth highlighting (3 letters or more), folded. */
export function queryTerms(query: string): string[] {
  const words = foldAccents(query).match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((word) => word.length >= 3))];
}

export type ExcerptPart = { text: string; match: boolean };

/** One character folded to one: the excerpt's offsets in the folded text stay those of the original. */
const foldedChars = new Map<string, string>();
function foldChar(char: string): string {
  let folded = foldedChars.get(char);
  if (folded === undefined) {
    const full = foldAccents(char);
    folded = full.length === 1 ? full : char.toLowerCase().slice(0, 1);
    // Folding is pure: remembered per character (a few hundred distinct ones in French texts).
    if (foldedChars.size < 5000) foldedChars.set(char, folded);
  }
  return folded;
}

type ExcerptSource = { clean: string; words: { start: number; end: number; word: string }[] };

/*
 * A practice's text cleaned, folded and cut into words once, not on every search that lists it:
 * the published texts are few (one a week), remembered by content (an edited text is a new key),
 * the oldest forgotten first past the bound.
 */
const excerptSources = new Map<string, ExcerptSource>();
const EXCERPT_SOURCES_MAX = 300;
function excerptSource(text: string): ExcerptSource {
  let source = excerptSources.get(text);
  if (!source) {
    const clean = text.replace(/\s+/g, " ").trim();
    // NFD folding can change the length; fold character by character to keep the offsets aligned.
    const folded = Array.from(clean, foldChar).join("");
    const words = Array.from(folded.matchAll(/[\p{L}\p{N}]+/gu), (word) => ({ start: word.index, end: word.index + word[0].length, word: word[0] }));
    source = { clean, words };
    if (excerptSources.size >= EXCERPT_SOURCES_MAX) excerptSources.delete(excerptSources.keys().next().value!);
    excerptSources.set(text, source);
  }
  return source;
}

/**
 * A window of about `length` characters of `text` around the first matched word, split into
 * parts to render with <mark>. Matching is accent-insensitive and by word prefix, so "telephonique"
 * highlights "téléphoniques" (the French stemmer matched it in the database). Kept as parts, not
 * HTML, so React escapes everything.
 */
export function highlightExcerpt(text: string, terms: readonly string[], length = 240): ExcerptPart[] {
  const { clean, words } = excerptSource(text);
  const stems = terms.map((term) => (term.length > 5 ? term.slice(0, term.length - 2) : term));
  const hits = words.filter(({ word }) => stems.some((stem) => word.startsWith(stem)));
  let from = 0;
  if (hits[0] && clean.length > length) from = Math.max(0, Math.min(hits[0].start - Math.floor(length / 3), clean.length - length));
  if (from > 0) from = clean.indexOf(" ", from) + 1 || from;
  let to = Math.min(clean.length, from + length);
  if (to < clean.length) to = clean.lastIndexOf(" ", to) > from ? clean.lastIndexOf(" ", to) : to;
  const parts: ExcerptPart[] = [];
  let cursor = from;
  for (const hit of hits) {
    if (hit.end <= from || hit.start >= to) continue;
    if (hit.start > cursor) parts.push({ text: clean.slice(cursor, hit.start), match: false });
    parts.push({ text: clean.slice(Math.max(hit.start, cursor), hit.end), match: true });
    cursor = hit.end;
  }
  if (cursor < to) parts.push({ text: clean.slice(cursor, to), match: false });
  if (from > 0) parts.unshift({ text: "… ", match: false });
  if (to < clean.length) parts.push({ text: " …", match: false });
  return parts;
}

/** "/bonnes-pratiques/12-accueil-telephonique" → { number: 12, slug: "accueil-telephonique" }. */
export function parsePracticeRef(ref: string | undefined): { number: number; slug: string } | null {
  const match = /^(\d{1,5})(?:-(.*))?$/.exec(ref ?? "");
  if (!match?.[1]) return null;
  return { number: Number(match[1]), slug: match[2] ?? "" };
}

export function practicePath(practice: { number: number; slug: string }): string {
  return `/bonnes-pratiques/${practice.number}-${practice.slug}`;
}

export function practiceSlug(title: string): string {
  return slugify(title);
}

const parisParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  weekday: "short",
});

function inParis(instant: Date) {
  const parts = Object.fromEntries(parisParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(String(parts.weekday)),
  };
}

/** The instant of `hour`:00 in Paris on the given Paris calendar day (handles summer time). */
export function parisTime(year: number, month: number, day: number, hour = 9): Date {
  const guess = new Date(Date.UTC(year, month - 1, day, hour));
  const seen = inParis(guess);
  const offsetHours = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour) / 3_600_000 - guess.getTime() / 3_600_000;
  return new Date(guess.getTime() - offsetHours * 3_600_000);
}

/** Monday 09:00 (Paris) of the week containing `instant`, shifted by `weeks`. */
export function mondayNine(instant: Date, weeks = 0): Date {
  const paris = inParis(instant);
  const monday = new Date(Date.UTC(paris.year, paris.month - 1, paris.day - paris.weekday + weeks * 7));
  return parisTime(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), 9);
}

/** The first Monday 09:00 (Paris) strictly after both `now` and `after` (the last scheduled practice). */
export function nextPublicationSlot(now: Date, after: Date | null): Date {
  const floor = after && after > now ? after : now;
  let slot = mondayNine(floor);
  while (slot <= floor) slot = mondayNine(slot, 1);
  return slot;
}

export type PracticeStatus = "brouillon" | "programmee" | "publiee";

export const practiceStatusLabels: Record<PracticeStatus, string> = {
  brouillon: "Brouillon",
  programmee: "Programmée",
  publiee: "Publiée",
};

const parisDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });
/** "2026-11-30": the Paris calendar day of an instant, as a date input reads it. */
export function parisDateInput(instant: Date): string {
  return parisDate.format(instant);
}
