import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { startFakeStripe, type FakeStripe } from "../../scripts/fake-stripe";

/**
 * The local fake Stripe for integration tests, wired both ways: the real Stripe SDK talks to it
 * (STRIPE_API_* point at it), and its signed webhooks reach our real handler through a small HTTP
 * endpoint (the Remix route only adds the request plumbing). Call in `beforeAll`, before importing
 * the modules that read the environment; `close` in `afterAll`.
 */
export async function startStripeHarness(secret: string): Promise<{ fake: FakeStripe; webhookUrl: string; close: () => Promise<void> }> {
  const endpoint: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      const { handleStripeWebhook } = await import("../../app/modules/billing/webhooks.server");
      const outcome = await handleStripeWebhook(Buffer.concat(chunks).toString("utf8"), String(req.headers["stripe-signature"] ?? ""));
      res.writeHead(outcome.status, { "Content-Type": "application/json" }).end(JSON.stringify(outcome.body));
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/`;
  const fake = await startFakeStripe({ webhookUrl, webhookSecret: secret });
  Object.assign(process.env, { STRIPE_SECRET_KEY: `sk_test_${secret}`, STRIPE_WEBHOOK_SECRET: secret, STRIPE_API_HOST: fake.host, STRIPE_API_PORT: String(fake.port), STRIPE_API_PROTOCOL: "http" });
  return {
    fake,
    /** Where the fake delivers webhooks: to restore after `fake.setWebhookUrl(null)`. */
    webhookUrl,
    close: async () => {
      await fake.close();
      await new Promise((resolve) => endpoint.close(resolve));
    },
  };
}
