import { z } from "~/utils/zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v === "true" || v === "1"));

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
    LOG_LEVEL: z.enum(["silent", "info"]).default("info"),
    RATE_LIMIT_GLOBAL_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  })
  .transform((env) => {
    const appUrl = env.APP_URL ?? `http://localhost:${env.PORT}`;
    return {
      ...env,
      APP_URL: appUrl.replace(/\/$/, ""),
      /** Demo mode (demo accounts shown, dev mailbox): default on without PostgreSQL, off in production with a database. */
      DEMO: env.DEMO ?? (env.NODE_ENV !== "production" || !env.DATABASE_URL),
      secureCookies: appUrl.startsWith("https://"),
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
