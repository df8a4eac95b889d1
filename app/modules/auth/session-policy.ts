/** Session lifetimes: pure rules, unit-tested. */
export const SESSION_IDLE_TIMEOUT_MS = 10 * 24 * 60 * 60 * 1000; // 10 days without activity
export const SESSION_ABSOLUTE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000; // 30 days at most
export const SESSION_REFRESH_INTERVAL_MS = 60 * 60 * 1000; // last activity written at most hourly

export type SessionTimes = { createdAt: Date; lastVerifiedAt: Date };

export function sessionState(session: SessionTimes, now: Date): "valid" | "idle-expired" | "absolute-expired" {
  if (now.getTime() - session.createdAt.getTime() >= SESSION_ABSOLUTE_LIFETIME_MS) return "absolute-expired";
  if (now.getTime() - session.lastVerifiedAt.getTime() >= SESSION_IDLE_TIMEOUT_MS) return "idle-expired";
  return "valid";
}

export function needsRefresh(session: SessionTimes, now: Date): boolean {
  return now.getTime() - session.lastVerifiedAt.getTime() >= SESSION_REFRESH_INTERVAL_MS;
}
