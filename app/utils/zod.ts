import * as z from "./zod-namespace";

/*
 * The one door to zod: every module of the application imports `z` from here (a test fails
 * otherwise), so what follows holds wherever a schema runs: server, browser (Conform validates
 * there too), scripts and tests, with no entry file to remember.
 * - Every `z.string()` refuses a NUL byte (see ./zod-namespace).
 * - zod's English defaults are replaced by the French map below. Fields users fill carry their
 *   own message in their schema ("Indiquez …"); this map answers the structural refusals a form
 *   never meant to show (a missing field, an unknown option, a tampered value) in plain French,
 *   without internal codes.
 */

const formatted = (value: number | bigint | Date) => (value instanceof Date ? new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris" }).format(value) : new Intl.NumberFormat("fr-FR").format(value));

const isUnsafeBound = (bound: number | bigint) => typeof bound === "number" && Math.abs(bound) >= Number.MAX_SAFE_INTEGER;

const formats: Record<string, string> = {
  email: "Indiquez une adresse e-mail valide.",
  url: "Indiquez une adresse web valide.",
  uuid: "Cet identifiant n’est pas reconnu.",
  guid: "Cet identifiant n’est pas reconnu.",
  date: "Indiquez une date valide.",
  datetime: "Indiquez une date et une heure valides.",
  time: "Indiquez une heure valide.",
};

export const frenchErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === null ? "Ce champ est obligatoire." : "Cette valeur n’est pas acceptée.";
    case "invalid_value":
      return "Choisissez une des options proposées.";
    case "too_small": {
      const min = issue.minimum;
      // The bounds zod puts on integers (±2^53): no user typed them, the value is simply absurd.
      if (isUnsafeBound(min)) return "Cette valeur n’est pas acceptée.";
      if (issue.origin === "string") return Number(min) <= 1 ? "Ce champ est obligatoire." : `Saisissez au moins ${formatted(min)} caractères.`;
      if (issue.origin === "array" || issue.origin === "set") return Number(min) <= 1 ? "Sélectionnez au moins un élément." : `Sélectionnez au moins ${formatted(min)} éléments.`;
      if (issue.origin === "file") return "Le fichier est vide.";
      if (issue.origin === "date") return `Indiquez une date à partir du ${formatted(new Date(Number(min)))}.`;
      return issue.inclusive ? `La valeur doit être supérieure ou égale à ${formatted(min)}.` : `La valeur doit être supérieure à ${formatted(min)}.`;
    }
    case "too_big": {
      const max = issue.maximum;
      if (isUnsafeBound(max)) return "Cette valeur n’est pas acceptée.";
      if (issue.origin === "string") return `Saisissez au plus ${formatted(max)} caractères.`;
      if (issue.origin === "array" || issue.origin === "set") return `Sélectionnez au plus ${formatted(max)} éléments.`;
      if (issue.origin === "file") return "Le fichier est trop volumineux.";
      if (issue.origin === "date") return `Indiquez une date jusqu’au ${formatted(new Date(Number(max)))}.`;
      return issue.inclusive ? `La valeur doit être inférieure ou égale à ${formatted(max)}.` : `La valeur doit être inférieure à ${formatted(max)}.`;
    }
    case "invalid_format":
      return formats[issue.format] ?? "Le format de cette valeur n’est pas reconnu.";
    case "not_multiple_of":
      return `La valeur doit être un multiple de ${formatted(issue.divisor as number)}.`;
    case "unrecognized_keys":
      return issue.keys.length > 1 ? "Ces champs ne sont pas attendus." : "Ce champ n’est pas attendu.";
    case "invalid_union":
      // A form whose `intent` (or other switch field) was altered: nothing the user can fix in a field.
      return "discriminator" in issue && issue.discriminator ? "Cette action n’est pas reconnue. Rechargez la page et réessayez." : "Cette valeur n’est pas acceptée.";
    default:
      return "Cette valeur n’est pas acceptée.";
  }
};

z.config({ localeError: frenchErrorMap });

export { z };
