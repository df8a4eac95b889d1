/** fr-FR formatting, in the Europe/Paris time zone, for everything a user reads. */
const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });
const date = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });
const number = new Intl.NumberFormat("fr-FR");
const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

export function formatDateTime(value: Date | string) {
  return dateTime.format(new Date(value));
}

export function formatDate(value: Date | string) {
  return date.format(new Date(value));
}

const shortDate = new Intl.DateTimeFormat("fr-FR", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Europe/Paris" });
/** "23/11/2026" (JJ/MM/AAAA): what French spreadsheets read as a date. */
export function formatShortDate(value: Date | string) {
  return shortDate.format(new Date(value));
}

export function formatNumber(value: number) {
  return number.format(value);
}

/** Amounts are stored in integer cents. */
export function formatEuros(cents: number) {
  return euros.format(cents / 100);
}

/** A short, human description of a browser from its user-agent string. */
export function describeDevice(userAgent: string | null | undefined) {
  if (!userAgent) return "Appareil inconnu";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : /curl|node|undici/i.test(userAgent)
            ? "Client en ligne de commande"
            : "Navigateur";
  const os = /Windows/.test(userAgent)
    ? "Windows"
    : /Android/.test(userAgent)
      ? "Android"
      : /iPhone|iPad/.test(userAgent)
        ? "iOS"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return os ? `${browser} sur ${os}` : browser;
}

const score = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** Scores repeat (one decimal, 0 to 100): each is formatted once (bounded, for any other value). */
const scoreTexts = new Map<number, string>();
/** A score out of 100 with one decimal: "66,7". */
export function formatScore(value: number) {
  let text = scoreTexts.get(value);
  if (text === undefined) {
    text = score.format(value);
    if (scoreTexts.size < 5_000) scoreTexts.set(value, text);
  }
  return text;
}
