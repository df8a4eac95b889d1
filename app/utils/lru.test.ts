import { describe, expect, it } from "vitest";
import { LruCache } from "./lru";

describe("LruCache", () => {
  it("keeps at most `capacity` entries, dropping the least recently used", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1).set("b", 2);
    expect(cache.get("a")).toBe(1); // "a" is now the most recent
    cache.set("c", 3);
    expect(cache.has("b")).toBe(false);
    expect(cache.get("a")).toBe(1);
    expect(cache.get("c")).toBe(3);
    expect(cache.size).toBe(2);
  });

  it("stores falsy values and tells them from a miss", () => {
    const cache = new LruCache<string, number | null>(3);
    cache.set("zero", 0).set("none", null);
    expect(cache.has("none")).toBe(true);
    expect(cache.get("none")).toBeNull();
    expect(cache.get("zero")).toBe(0);
    expect(cache.get("missing")).toBeUndefined();
  });

  it("replaces a value under the same key without growing", () => {
    const cache = new LruCache<string, number>(2);
    cache.set("a", 1).set("a", 2);
    expect(cache.size).toBe(1);
    expect(cache.get("a")).toBe(2);
  });

  it("refuses a capacity that is not a positive integer", () => {
    expect(() => new LruCache(0)).toThrow();
  });
});
