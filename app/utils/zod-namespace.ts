import { string as zodString } from "zod";

/*
 * zod as the application sees it (re-exported as `z` by ~/utils/zod): zod itself, except that
 * `z.string()` refuses a NUL byte. PostgreSQL cannot store one in text, so a forged form carrying
 * it would otherwise reach the database and fail there (a 500) instead of being refused in French.
 */
export * from "zod";

export const NUL_MESSAGE = "Ce texte contient un caractère invisible non autorisé (caractère nul) : retirez-le.";

export const string: typeof zodString = ((params?: Parameters<typeof zodString>[0]) =>
  zodString(params).refine((value) => !value.includes("\u0000"), { error: NUL_MESSAGE })) as typeof zodString;
