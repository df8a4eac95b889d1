import { describe, expect, it } from "vitest";
import { needsRefresh, sessionState, SESSION_ABSOLUTE_LIFETIME_MS, SESSION_IDLE_TIMEOUT_MS } from "./session-policy";

const now = new Date("2026-11-23T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

describe("session lifetimes", () => {
  it("is valid within both limits", () => {
    expect(sessionState({ createdAt: ago(1000), lastVerifiedAt: ago(1000) }, now)).toBe("valid");
  });
  it("expires on inactivity exactly at the idle limit", () => {
    expect(sessionState({ createdAt: ago(SESSION_IDLE_TIMEOUT_MS), lastVerifiedAt: ago(SESSION_IDLE_TIMEOUT_MS) }, now)).toBe("idle-expired");
    expect(sessionState({ createdAt: ago(SESSION_IDLE_TIMEOUT_MS), lastVerifiedAt: ago(SESSION_IDLE_TIMEOUT_MS - 1) }, now)).toBe("valid");
  });
  it("expires at the absolute lifetime whatever the activity", () => {
    expect(sessionState({ createdAt: ago(SESSION_ABSOLUTE_LIFETIME_MS), lastVerifiedAt: now }, now)).toBe("absolute-expired");
  });
  it("refreshes the activity at most hourly", () => {
    expect(needsRefresh({ createdAt: ago(0), lastVerifiedAt: ago(59 * 60_000) }, now)).toBe(false);
    expect(needsRefresh({ createdAt: ago(0), lastVerifiedAt: ago(60 * 60_000) }, now)).toBe(true);
  });
});
