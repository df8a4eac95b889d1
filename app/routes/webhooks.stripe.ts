import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeWebhook } from "~/modules/billing/webhooks.server";

/** Stripe's webhook endpoint: raw body, signature verified; errors become 5xx so Stripe retries. */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Méthode non autorisée", { status: 405 });
  const body = await request.text();
  if (body.length > 1_000_000) return Response.json({ received: false, error: "Corps trop volumineux." }, { status: 413 });
  const outcome = await handleStripeWebhook(body, request.headers.get("stripe-signature"));
  return Response.json(outcome.body, { status: outcome.status });
}

export async function loader() {
  return new Response("Méthode non autorisée", { status: 405 });
}
