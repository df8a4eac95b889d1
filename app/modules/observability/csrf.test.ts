import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "./csrf";

const base = { path: "/connexion", host: "localhost:3000", protocol: "http", appUrl: "https://barometre.example" };

describe("cross-site request check", () => {
  it("lets reads through", () => {
    expect(isCrossSiteRequest({ ...base, method: "GET", origin: "https://evil.example", secFetchSite: "cross-site" })).toBe(false);
  });

  it("accepts same-origin posts", () => {
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "https://barometre.example", secFetchSite: "same-origin" })).toBe(false);
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "http://localhost:3000", secFetchSite: undefined })).toBe(false);
  });

  it("refuses posts from another origin", () => {
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: "https://evil.example", secFetchSite: undefined })).toBe(true);
    expect(isCrossSiteRequest({ ...base, method: "DELETE", origin: "null", secFetchSite: undefined })).toBe(true);
  });

  it("refuses posts a browser marks cross-site or same-site", () => {
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: undefined, secFetchSite: "cross-site" })).toBe(true);
    expect(isCrossSiteRequest({ ...base, method: "POST", origin: undefined, secFetchSite: "same-site" })).toBe(true);
  });

  it("leaves signature-checked webhooks to their own verification", () => {
    expect(isCrossSiteRequest({ ...base, path: "/webhooks/stripe", method: "POST", origin: undefined, secFetchSite: "cross-site" })).toBe(false);
  });

  it("lets mail providers post the one-click unsubscribe, on that exact path only", () => {
    const provider = { ...base, method: "POST", origin: "https://mail.example", secFetchSite: "cross-site" };
    expect(isCrossSiteRequest({ ...provider, path: "/bonnes-pratiques/desabonnement" })).toBe(false);
    expect(isCrossSiteRequest({ ...provider, path: "/bonnes-pratiques/abonnement" })).toBe(true);
    expect(isCrossSiteRequest({ ...provider, path: "/bonnes-pratiques/desabonnement/autre" })).toBe(true);
    expect(isCrossSiteRequest({ ...provider, path: "/compte" })).toBe(true);
  });
});
