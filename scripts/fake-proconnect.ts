/**
 * Local stand-in for ProConnect (https://<domain>/api/v2), good enough for the real
 * `openid-client`: an `oidc-provider` instance mounted under /api/v2 on 127.0.0.1, so the
 * issuer, discovery (`/api/v2/.well-known/openid-configuration`), authorize, token, JWT
 * userinfo, JWKS and `session/end` URLs have ProConnect's shapes.
 *
 * Like ProConnect: authorization code flow with PKCE (S256 required), `client_secret_post`,
 * ID token and userinfo signed RS256, codes valid 30 seconds, scopes/claims `given_name`,
 * `usual_name`, `email`, `uid`, `siret`, `idp_id`, `organization_label`, `acr` values
 * `eidas1` and the multi-factor ones, RP-initiated logout with `id_token_hint`.
 *
 * The sign-in page (/interaction/:uid) is a French form where the tester types the identity the
 * "agent" has (e-mail, names, SIRET…) and the `acr` the login reached. It also chooses a
 * scenario: the token endpoint then answers an ID token that a relying party must refuse, signed
 * with the provider's own key (wrong audience, already expired, another nonce, a weaker `acr`)
 * or with a key the provider never published (bad signature). Tests that drive the provider
 * without a browser call `forgeNextIdToken(scenario)` instead.
 *
 * Run alone: `node --import tsx scripts/fake-proconnect.ts --app-url http://localhost:3000`
 * prints one JSON line `{ issuer, clientId, clientSecret }` once it listens.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, decodeJwt, SignJWT, type JWK } from "jose";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";
import { MFA_ACR_VALUES } from "../app/modules/auth/proconnect-acr";

const ACR_LABELS: Record<string, string> = {
  eidas1: "eidas1 — mot de passe seul",
  eidas2: "eidas2 — substantiel (double facteur)",
  eidas3: "eidas3 — élevé (double facteur)",
  "https://proconnect.gouv.fr/assurance/self-asserted-2fa": "Double facteur déclaré",
  "https://proconnect.gouv.fr/assurance/consistency-checked-2fa": "Double facteur vérifié",
};
export const DEMO_IDP_ID = "fia-demonstration";

export type ForgedIdToken = "audience" | "expired" | "nonce" | "signature" | "weak-acr";
export const SCENARIOS: Record<"normal" | ForgedIdToken, string> = {
  normal: "Réponse conforme",
  audience: "Jeton destiné à un autre service (audience erronée)",
  expired: "Jeton déjà expiré",
  nonce: "Jeton d'une autre connexion (nonce erroné)",
  signature: "Signature invalide",
  "weak-acr": "Niveau d'authentification plus faible que demandé",
};

export type FakeAgent = {
  email: string;
  given_name: string;
  usual_name: string;
  uid: string;
  siret: string;
  organization_label: string;
  idp_id: string;
};

export type FakeProConnect = {
  /** `http://127.0.0.1:<port>/api/v2`, the value of PROCONNECT_ISSUER. */
  issuer: string;
  /** Origin of the provider (its pages and the form-action the portal must allow). */
  origin: string;
  clientId: string;
  clientSecret: string;
  /** Every identity signed in, by `sub`. */
  agents: Map<string, FakeAgent>;
  /** Completed RP-initiated logouts, in order (the `sub` of the id_token_hint). */
  logouts: string[];
  /** The next ID token the token endpoint answers is forged this way (one use). */
  forgeNextIdToken(scenario: ForgedIdToken): void;
  close(): Promise<void>;
};

export type FakeProConnectOptions = {
  /** The portal's base URL: its callback and post-logout URLs are registered from it. */
  appUrl: string;
  port?: number;
  clientId?: string;
  clientSecret?: string;
  /** Labels the pages as a demonstration provider (npm start without ProConnect keys). */
  demo?: boolean;
};

/** A stable `sub` per e-mail and identity provider, opaque like ProConnect's. */
function subjectOf(email: string, idpId: string) {
  let h = 0x811c9dc5;
  for (const c of `${idpId}:${email.toLowerCase()}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return `${h.toString(16).padStart(8, "0")}${Buffer.from(email.toLowerCase()).toString("hex").slice(0, 24)}`;
}

function escapeHtml(value: string) {
  return value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f6f6f6;color:#161616}
main{max-width:34rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border:1px solid #ddd}
.bandeau{background:#000091;color:#fff;padding:.75rem 1rem;margin:0;font-weight:700}
label{display:block;margin-top:1rem;font-weight:600}input,select{display:block;width:100%;padding:.5rem;margin-top:.25rem;border:1px solid #3a3a3a;box-sizing:border-box;font:inherit}
button{margin-top:1.5rem;background:#000091;color:#fff;border:0;padding:.75rem 1.25rem;font:inherit;font-weight:700;cursor:pointer}
.aide{color:#3a3a3a;font-size:.9rem}`;

function page(title: string, demo: boolean, body: string) {
  const banner = demo ? "Fournisseur d'identité de démonstration — aucun compte réel" : "Fournisseur d'identité de test (ProConnect simulé)";
  return `<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — ${banner}</title><style>${STYLE}</style></head>
<body><header><p class="bandeau">${banner}</p></header><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

function option(value: string, label: string, selected: boolean) {
  return `<option value="${escapeHtml(value)}"${selected ? " selected" : ""}>${escapeHtml(label)}</option>`;
}

function loginForm(uid: string, requestedAcr: string[], demo: boolean) {
  const acrs = ["eidas1", ...MFA_ACR_VALUES];
  const preselected = requestedAcr[0] ?? "eidas1";
  const field = (name: string, label: string, value: string, attrs = "") =>
    `<label for="${name}">${label}</label><input id="${name}" name="${name}" value="${escapeHtml(value)}" ${attrs}>`;
  return page(
    "S'identifier auprès de votre administration",
    demo,
    `<p class="aide">Saisissez l'identité que ce fournisseur transmettra au portail.</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
${field("email", "Adresse e-mail professionnelle", "", 'type="email" required autocomplete="email"')}
${field("given_name", "Prénom", "Camille", 'required autocomplete="given-name"')}
${field("usual_name", "Nom d'usage", "Agent", 'required autocomplete="family-name"')}
${field("siret", "SIRET de l'organisation", "", 'inputmode="numeric" pattern="[0-9]{14}" aria-describedby="aide-siret"')}
<p class="aide" id="aide-siret">14 chiffres, facultatif.</p>
${field("organization_label", "Nom de l'organisation", "")}
<label for="acr">Niveau d'authentification atteint</label><select id="acr" name="acr">${acrs.map((acr) => option(acr, ACR_LABELS[acr] ?? acr, acr === preselected)).join("")}</select>
<label for="scenario">Réponse envoyée au portail</label><select id="scenario" name="scenario">${Object.entries(SCENARIOS)
      .map(([value, label]) => option(value, label, value === "normal"))
      .join("")}</select>
<button type="submit">Se connecter</button>
</form>`,
  );
}

export async function startFakeProConnect(options: FakeProConnectOptions): Promise<FakeProConnect> {
  const clientId = options.clientId ?? "portail-experience-citoyen";
  const clientSecret = options.clientSecret ?? randomBytes(24).toString("hex");
  const demo = options.demo ?? false;
  const appUrl = options.appUrl.replace(/\/$/, "");
  const agents = new Map<string, FakeAgent>();
  const logouts: string[] = [];
  const scenarioByGrant = new Map<string, ForgedIdToken>();
  let forgedNext: ForgedIdToken | null = null;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: "cle-de-test", alg: "RS256", use: "sig" };
  // A key of the same id the provider never published: a token signed with it must be refused.
  const { privateKey: strangerKey } = await generateKeyPair("RS256");

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const issuer = `${origin}/api/v2`;

  const scopes = ["openid", "given_name", "usual_name", "email", "uid", "siret", "idp_id", "organization_label"];
  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [`${appUrl}/connexion/proconnect/retour`],
        post_logout_redirect_uris: [`${appUrl}/deconnexion/proconnect`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_post",
        id_token_signed_response_alg: "RS256",
        userinfo_signed_response_alg: "RS256",
      },
    ],
    jwks: { keys: [jwk] },
    scopes,
    claims: Object.fromEntries(scopes.filter((s) => s !== "openid").map((s) => [s, [s]])),
    acrValues: ["eidas1", ...MFA_ACR_VALUES],
    pkce: { required: () => true },
    ttl: { AuthorizationCode: 30, IdToken: 3600, AccessToken: 3600, Interaction: 600, Session: 3600, Grant: 3600 },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // ProConnect ends the session without asking: the confirmation form submits itself.
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          ctx.body = page(
            "Déconnexion",
            demo,
            `${form.replace("</form>", '<input type="hidden" name="logout" value="yes"></form>')}<p>Fermeture de votre session…</p>
<noscript><button type="submit" form="op.logoutForm">Se déconnecter</button></noscript>
<script>document.getElementById("op.logoutForm").submit()</script>`,
          );
        },
        postLogoutSuccessSource: async (ctx: KoaContextWithOIDC) => {
          ctx.body = page("Vous êtes déconnecté", demo, "<p>Votre session a été fermée.</p>");
        },
      },
    },
    findAccount: async (_ctx, sub) => {
      const agent = agents.get(sub);
      if (!agent) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...agent }) };
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = page("Erreur du fournisseur d'identité", demo, `<p role="alert">${escapeHtml(String(out.error))} : ${escapeHtml(String(out.error_description ?? ""))}</p>`);
    },
  };
  const provider = new Provider(issuer, configuration);
  provider.on("end_session.success", (ctx: KoaContextWithOIDC) => {
    logouts.push(String(ctx.oidc.session?.accountId ?? ctx.oidc.entities.IdTokenHint?.payload?.sub ?? ""));
  });

  // The token endpoint's answer, rewritten when a scenario asks for a token the portal must refuse.
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== "/token" || ctx.method !== "POST" || ctx.status !== 200) return;
    const body = ctx.body as { id_token?: string } | undefined;
    const grantId = (ctx as KoaContextWithOIDC).oidc?.entities?.Grant?.jti;
    const scenario = forgedNext ?? (grantId ? scenarioByGrant.get(grantId) : undefined);
    if (!body?.id_token || !scenario) return;
    forgedNext = null;
    ctx.body = { ...body, id_token: await forge(body.id_token, scenario) };
  });

  async function forge(idToken: string, scenario: ForgedIdToken) {
    const claims = { ...decodeJwt(idToken) };
    const now = Math.floor(Date.now() / 1000);
    if (scenario === "audience") claims.aud = "un-autre-service";
    if (scenario === "expired") Object.assign(claims, { iat: now - 7200, exp: now - 3600 });
    if (scenario === "nonce") claims.nonce = randomBytes(32).toString("base64url");
    if (scenario === "weak-acr") claims.acr = "eidas1";
    return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: jwk.kid, typ: "JWT" }).sign(scenario === "signature" ? strangerKey : privateKey);
  }

  const oidc = provider.callback();
  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", origin);
    if (url.pathname === "/api/v2" || url.pathname.startsWith("/api/v2/")) {
      // oidc-provider resolves its own URLs from originalUrl: rewriting url alone breaks discovery.
      (req as IncomingMessage & { originalUrl?: string }).originalUrl = req.url;
      req.url = req.url!.slice("/api/v2".length) || "/";
      oidc(req, res);
      return;
    }
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (match) {
      handleInteraction(req, res, match[1]!, Boolean(match[2])).catch((error: Error) => {
        res.statusCode = 400;
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.end(page("Connexion impossible", demo, `<p role="alert">${escapeHtml(error.message)}</p>`));
      });
      return;
    }
    res.statusCode = 404;
    res.setHeader("Content-Type", "text/html; charset=utf-8");
    res.end(page("Page introuvable", demo, "<p>Cette adresse n'existe pas.</p>"));
  });

  async function handleInteraction(req: IncomingMessage, res: ServerResponse, uid: string, submitted: boolean) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error("Cette demande de connexion n'est plus valable.");
    const params = details.params as Record<string, string | undefined>;
    const requestedClaims = params.claims ? (JSON.parse(params.claims) as { id_token?: { acr?: { values?: string[] } } }) : {};
    const requestedAcr = requestedClaims.id_token?.acr?.values ?? [];
    if (!submitted || req.method !== "POST") {
      // Already signed in here (a second client login): only the grant is missing.
      if (details.prompt.name === "consent" && details.session?.accountId) {
        const grantId = await grantFor(details.session.accountId, params);
        await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return;
      }
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.setHeader("Cache-Control", "no-store");
      res.end(loginForm(uid, requestedAcr, demo));
      return;
    }
    const form = await readForm(req);
    const email = (form.get("email") ?? "").trim();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new Error("Adresse e-mail invalide.");
    const siret = (form.get("siret") ?? "").replace(/\s/g, "");
    const agent: FakeAgent = {
      email,
      given_name: (form.get("given_name") ?? "").trim(),
      usual_name: (form.get("usual_name") ?? "").trim(),
      uid: subjectOf(email, "uid"),
      siret,
      organization_label: (form.get("organization_label") ?? "").trim(),
      idp_id: DEMO_IDP_ID,
    };
    const sub = subjectOf(email, agent.idp_id);
    agents.set(sub, agent);
    const acr = form.get("acr") ?? "eidas1";
    const scenario = form.get("scenario") ?? "normal";
    const grantId = await grantFor(sub, params);
    if (scenario !== "normal" && scenario in SCENARIOS) scenarioByGrant.set(grantId, scenario as ForgedIdToken);
    await provider.interactionFinished(req, res, { login: { accountId: sub, acr, amr: acr === "eidas1" ? ["pwd"] : ["pwd", "mfa"] }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  async function grantFor(accountId: string, params: Record<string, string | undefined>) {
    const grant = new provider.Grant({ accountId, clientId: params.client_id! });
    grant.addOIDCScope(params.scope ?? "openid");
    const claims = params.claims ? (JSON.parse(params.claims) as { id_token?: Record<string, unknown>; userinfo?: Record<string, unknown> }) : {};
    if (claims.id_token) grant.addOIDCClaims(Object.keys(claims.id_token));
    if (claims.userinfo) grant.addOIDCClaims(Object.keys(claims.userinfo));
    return grant.save();
  }

  return {
    issuer,
    origin,
    clientId,
    clientSecret,
    agents,
    logouts,
    forgeNextIdToken(scenario) {
      forgedNext = scenario;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// `node --import tsx scripts/fake-proconnect.ts --app-url <url>`: the Playwright server fixture.
if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const at = process.argv.indexOf("--app-url");
  const appUrl = at > 0 ? process.argv[at + 1] : undefined;
  if (!appUrl) {
    console.error("Usage : node --import tsx scripts/fake-proconnect.ts --app-url http://localhost:3000");
    process.exit(1);
  }
  const fake = await startFakeProConnect({ appUrl, demo: process.argv.includes("--demo") });
  console.log(JSON.stringify({ issuer: fake.issuer, clientId: fake.clientId, clientSecret: fake.clientSecret }));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void fake.close().then(() => process.exit(0)));
}
