import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

describe("environment", () => {
  it("runs with no variable at all, on the embedded database in demo mode", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, APP_URL: "http://localhost:3000", DATA_DIR: ".data", DEMO: true, secureCookies: false });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("turns demo off in production with a database, and secure cookies on with https", () => {
    const env = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://u@h/db", APP_URL: "https://barometre.example/" });
    expect(env).toMatchObject({ DEMO: false, secureCookies: true, APP_URL: "https://barometre.example" });
  });

  it("stops with a French message naming each wrong variable", () => {
    expect(() => parseEnv({ PORT: "abc", DATABASE_URL: "mysql://x", STRIPE_SECRET_KEY: "pk_live" })).toThrowError(
      /Configuration invalide :\n {2}- PORT : .*\n {2}- DATABASE_URL : DATABASE_URL doit commencer par postgres:\/\/.*\n {2}- STRIPE_SECRET_KEY : STRIPE_SECRET_KEY doit commencer par sk_/,
    );
  });

  it("takes the legal notice's host whole or not at all", () => {
    expect(parseEnv({ HOSTING_NAME: "OVH SAS", HOSTING_ADDRESS: "2 rue Kellermann, 59100 Roubaix", HOSTING_PHONE: "09 72 10 10 07" })).toMatchObject({ HOSTING_NAME: "OVH SAS" });
    expect(() => parseEnv({ HOSTING_NAME: "OVH SAS" })).toThrowError(
      /HOSTING_ADDRESS : HOSTING_ADDRESS est requis avec HOSTING_NAME \(hébergeur des mentions légales\)\n {2}- HOSTING_PHONE : HOSTING_PHONE est requis avec HOSTING_NAME/,
    );
  });
});
