import { z } from "~/utils/zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v === "true" || v === "1"));

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    APP_URL: z.url({ message: "APP_URL doit être une URL complète, par exemple https://barometre.example" }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL doit commencer par postgres:// ou postgresql://")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    DATABASE_PREPARE: booleanFlag,
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
    DATA_DIR: z.string().min(1).default(".data"),
    DEMO: booleanFlag,
    STRIPE_SECRET_KEY: z.string().startsWith("sk_", "STRIPE_SECRET_KEY doit commencer par sk_").optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "STRIPE_WEBHOOK_SECRET doit commencer par whsec_").optional(),
    STRIPE_API_HOST: z.string().optional(),
    STRIPE_API_PORT: z.coerce.number().int().optional(),
    STRIPE_API_PROTOCOL: z.enum(["http", "https"]).optional(),
    RESEND_API_KEY: z.string().min(1).optional(),
    RESEND_BASE_URL: z.url().optional(),
    MAIL_FROM: z.string().min(3).default("Baromètre Expérience Citoyen <ne-pas-repondre@barometre.example>"),
    /** ProConnect (OpenID Connect): the button shows when the three are set. */
    PROCONNECT_ISSUER: optionalText.pipe(
      z
        .url({ message: "PROCONNECT_ISSUER doit être l'URL de l'émetteur, par exemple https://fca.integ01.dev-agentconnect.fr/api/v2" })
        .optional(),
    ),
    PROCONNECT_CLIENT_ID: optionalText,
    PROCONNECT_CLIENT_SECRET: optionalText,
    /** Staff accounts must sign in with a multi-factor `acr` through ProConnect (default: yes). */
    PROCONNECT_STAFF_MFA: booleanFlag,
    /** Demo mode without ProConnect keys starts a local demonstration provider (default: yes). */
    PROCONNECT_DEMO: booleanFlag,
    /** The host the legal notice names (LCEN art. 6): name, postal address, telephone. */
    HOSTING_NAME: optionalText,
    HOSTING_ADDRESS: optionalText,
    HOSTING_PHONE: optionalText,
    LOG_LEVEL: z.enum(["silent", "info"]).default("info"),
    RATE_LIMIT_GLOBAL_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  })
  .superRefine((env, ctx) => {
    const proconnect = ["PROCONNECT_ISSUER", "PROCONNECT_CLIENT_ID", "PROCONNECT_CLIENT_SECRET"] as const;
    const set = proconnect.filter((name) => env[name] !== undefined);
    if (set.length > 0 && set.length < proconnect.length) {
      for (const name of proconnect.filter((n) => env[n] === undefined))
        ctx.addIssue({ code: "custom", path: [name], message: `${name} est requis avec ${set.join(" et ")} (ProConnect)` });
    }
    const hosting = ["HOSTING_NAME", "HOSTING_ADDRESS", "HOSTING_PHONE"] as const;
    const hostingSet = hosting.filter((name) => env[name] !== undefined);
    if (hostingSet.length > 0 && hostingSet.length < hosting.length) {
      for (const name of hosting.filter((n) => env[n] === undefined))
        ctx.addIssue({ code: "custom", path: [name], message: `${name} est requis avec ${hostingSet.join(" et ")} (hébergeur des mentions légales)` });
    }
    // Plain http only for a local identity provider (tests, demo).
    if (env.PROCONNECT_ISSUER?.startsWith("http://") && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(env.PROCONNECT_ISSUER))
      ctx.addIssue({ code: "custom", path: ["PROCONNECT_ISSUER"], message: "PROCONNECT_ISSUER doit être en https (http seulement pour un fournisseur local)" });
  })
  .transform((env) => {
    const appUrl = env.APP_URL ?? `http://localhost:${env.PORT}`;
    return {
      ...env,
      APP_URL: appUrl.replace(/\/$/, ""),
      /** Demo mode (demo accounts shown, dev mailbox): default on without PostgreSQL, off in production with a database. */
      DEMO: env.DEMO ?? (env.NODE_ENV !== "production" || !env.DATABASE_URL),
      secureCookies: appUrl.startsWith("https://"),
      PROCONNECT_STAFF_MFA: env.PROCONNECT_STAFF_MFA ?? true,
    };
  });

export type Env = z.output<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  - ${issue.path.join(".")} : ${issue.message}`);
    throw new Error(`Configuration invalide :\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;
/** The environment, parsed once. */
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}
