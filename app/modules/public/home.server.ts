import { weeklyPractice } from "../practices/digest.server";
import { latestPublished } from "../practices/practices.server";
import { practicePath } from "../practices/search";
import { latestKeyFigures } from "./key-figures.server";
import { latestLaureates } from "./laureates.server";

/** How many laureates the home page lists (one edition's categories fit in it). */
export const HOME_LAUREATES = 9;

/**
 * The week's good practice, as the Monday digest sends it; between the publication of the last
 * one and a new week without practice, the latest published one ("latest": true).
 */
export async function practiceOfTheWeek(now: Date) {
  const weekly = await weeklyPractice(now);
  const practice = weekly ?? (await latestPublished(now, 1))[0] ?? null;
  if (!practice) return null;
  return {
    number: practice.number,
    title: practice.title,
    summary: practice.summary,
    path: practicePath(practice),
    thisWeek: weekly !== null,
  };
}

/** Everything the home page shows, read in parallel. */
export async function homePage(now = new Date()) {
  const [keyFigures, laureates, practice] = await Promise.all([latestKeyFigures(), latestLaureates(HOME_LAUREATES), practiceOfTheWeek(now)]);
  return { keyFigures, laureates, practice };
}
