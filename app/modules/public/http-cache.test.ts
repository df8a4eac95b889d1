import { describe, expect, it } from "vitest";
import { addVary, decideCaching, etagMatches, hasCookie, isPublicCacheControl, PUBLIC_PAGE_CACHE_CONTROL, publicDataPageHeaders, publicPageHeaders, SERVER_COPY_HEADER, wantsFreshRender } from "./http-cache";

describe("publicPageHeaders", () => {
  it("declares one minute of public caching, ten more minutes stale while revalidating", () => {
    expect(publicPageHeaders({})).toEqual({ "Cache-Control": "public, max-age=60, stale-while-revalidate=600" });
  });

  it("keeps the error's own headers when the page failed (a 404 is not cached publicly)", () => {
    const errorHeaders = new Headers({ "X-Test": "1" });
    expect(publicPageHeaders({ errorHeaders })).toBe(errorHeaders);
  });
});

describe("publicDataPageHeaders", () => {
  it("adds the request to keep the rendered copy to the same public caching", () => {
    expect(publicDataPageHeaders({})).toEqual({ "Cache-Control": PUBLIC_PAGE_CACHE_CONTROL, [SERVER_COPY_HEADER]: "1" });
  });

  it("keeps the error's own headers: an error page is never kept", () => {
    const errorHeaders = new Headers({ "X-Test": "1" });
    expect(publicDataPageHeaders({ errorHeaders })).toBe(errorHeaders);
  });
});

describe("wantsFreshRender", () => {
  it.each([
    ["no-cache", true],
    ["max-age=0, No-Cache", true],
    ["max-age=0", false],
    ["no-cache-please", false],
    ["", false],
    [undefined, false],
  ])("%s → %s", (value, expected) => {
    expect(wantsFreshRender(value)).toBe(expected);
  });
});

describe("isPublicCacheControl", () => {
  it.each([
    [PUBLIC_PAGE_CACHE_CONTROL, true],
    ["max-age=3600, Public", true],
    ["private, max-age=60", false],
    ["no-store", false],
    ["publicity", false],
    ["", false],
    [undefined, false],
  ])("%s → %s", (value, expected) => {
    expect(isPublicCacheControl(value)).toBe(expected);
  });
});

describe("hasCookie", () => {
  it("finds the named cookie among others, and ignores an emptied one", () => {
    expect(hasCookie("a=1; ec_session=abc.def", "ec_session")).toBe(true);
    expect(hasCookie("ec_session=", "ec_session")).toBe(false);
    expect(hasCookie("other_ec_session=abc", "ec_session")).toBe(false);
    expect(hasCookie("__Host-ec_session=abc", "ec_session")).toBe(false);
    expect(hasCookie("__Host-ec_session=abc", "__Host-ec_session")).toBe(true);
    expect(hasCookie(undefined, "ec_session")).toBe(false);
  });
});

describe("decideCaching", () => {
  const base = { method: "GET", status: 200, cacheControl: PUBLIC_PAGE_CACHE_CONTROL, signedIn: false, setsCookie: false };

  it("gives an anonymous GET 200 of a public page an ETag", () => {
    expect(decideCaching(base)).toBe("public-etag");
  });

  it("never lets a signed-in person's page, or a response setting a cookie, be cached publicly", () => {
    expect(decideCaching({ ...base, signedIn: true })).toBe("private");
    expect(decideCaching({ ...base, setsCookie: true })).toBe("private");
    expect(decideCaching({ ...base, method: "HEAD", signedIn: true })).toBe("private");
    expect(decideCaching({ ...base, status: 500 })).toBe("private");
  });

  it("leaves pages that did not ask for public caching, and mutations, untouched", () => {
    expect(decideCaching({ ...base, cacheControl: undefined })).toBe("untouched");
    expect(decideCaching({ ...base, cacheControl: "private, no-cache", signedIn: true })).toBe("untouched");
    expect(decideCaching({ ...base, method: "POST" })).toBe("untouched");
  });

  it("keeps public caching without validator for a HEAD or a non-200", () => {
    expect(decideCaching({ ...base, method: "HEAD" })).toBe("public");
    expect(decideCaching({ ...base, status: 404 })).toBe("public");
  });
});

describe("etagMatches", () => {
  const etag = 'W/"abc"';
  it("compares weakly, in a list, and accepts *", () => {
    expect(etagMatches('W/"abc"', etag)).toBe(true);
    expect(etagMatches('"abc"', etag)).toBe(true);
    expect(etagMatches('W/"zzz", W/"abc"', etag)).toBe(true);
    expect(etagMatches("*", etag)).toBe(true);
    expect(etagMatches('W/"abd"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });
});

describe("addVary", () => {
  it("appends once, keeps what is there", () => {
    expect(addVary(undefined, "Cookie")).toBe("Cookie");
    expect(addVary("Accept-Encoding", "Cookie")).toBe("Accept-Encoding, Cookie");
    expect(addVary("Accept-Encoding, cookie", "Cookie")).toBe("Accept-Encoding, cookie");
    expect(addVary("*", "Cookie")).toBe("*");
  });
});
