import Stripe from "stripe";
import { env } from "~/env.server";

/**
 * The Stripe client. Without STRIPE_SECRET_KEY the portal runs the local demo payment provider
 * (scripts/fake-stripe.ts, started by the server) and talks to it with the very same SDK calls;
 * STRIPE_API_HOST/PORT/PROTOCOL point the SDK at it (or at a test double).
 */
let client: Stripe | undefined;
export function stripe(): Stripe {
  if (client) return client;
  const e = env();
  client = new Stripe(e.STRIPE_SECRET_KEY ?? DEMO_STRIPE_KEY, {
    ...(e.STRIPE_API_HOST ? { host: e.STRIPE_API_HOST } : {}),
    ...(e.STRIPE_API_PORT ? { port: e.STRIPE_API_PORT } : {}),
    ...(e.STRIPE_API_PROTOCOL ? { protocol: e.STRIPE_API_PROTOCOL } : {}),
    maxNetworkRetries: 2,
    telemetry: false,
  });
  return client;
}

export const DEMO_STRIPE_KEY = "sk_test_demo_barometre";
export const DEMO_WEBHOOK_SECRET = "whsec_demo_barometre_local";

export function webhookSecret(): string {
  return env().STRIPE_WEBHOOK_SECRET ?? DEMO_WEBHOOK_SECRET;
}

/** True when payments go to the local demo provider rather than Stripe. */
export function isDemoPayments(): boolean {
  return !env().STRIPE_SECRET_KEY;
}
