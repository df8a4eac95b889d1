import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/client";
import { sessions, staffRoles, tenants } from "../../../db/schema";
import { addMember, makeTenant, makeUser } from "../../../db/testing/factories";
import { useTestDatabase } from "../../../db/testing/test-database";
import { createSession, invalidateAllUserSessions, listUserSessions, validateSessionToken } from "./session.server";

useTestDatabase();

const meta = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0", ipAddress: "127.0.0.1" };
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);

describe("sessions (Lucia's guide)", () => {
  it("validates a fresh token and refuses a tampered secret or id", async () => {
    const user = await makeUser();
    const { token } = await createSession(user.id, meta);
    expect((await validateSessionToken(token))?.user.id).toBe(user.id);
    const [id, secret] = token.split(".");
    expect(await validateSessionToken(`${id}.${secret!.replace(/.$/, (c) => (c === "a" ? "b" : "a"))}`)).toBeNull();
    expect(await validateSessionToken(`${id}x.${secret}`)).toBeNull();
    expect(await validateSessionToken(`${id}`)).toBeNull();
    expect(await validateSessionToken(`${token}.extra`)).toBeNull();
  });

  it("reads with the session the user's active staff roles and structures (by name, deleted ones left out)", async () => {
    const user = await makeUser();
    const other = await makeUser();
    const zed = await makeTenant({ name: "Zed-sur-Mer", certifications: ["Qualivilles"] });
    const abc = await makeTenant({ name: "Abbeville" });
    const gone = await makeTenant({ name: "Disparue" });
    const foreign = await makeTenant({ name: "Ailleurs" });
    await addMember(zed.id, user.id, "owner");
    await addMember(abc.id, user.id, "viewer");
    await addMember(gone.id, user.id, "member");
    await addMember(foreign.id, other.id, "owner");
    await db().update(tenants).set({ deletedAt: new Date() }).where(eq(tenants.id, gone.id));
    await db().insert(staffRoles).values([
      { userId: user.id, role: "sales" },
      { userId: user.id, role: "admin", active: false },
      { userId: other.id, role: "auditor" },
    ]);
    const identity = await validateSessionToken((await createSession(user.id, meta)).token);
    expect(identity?.staffRoles).toEqual(["sales"]);
    expect(identity?.memberships).toEqual([
      { id: abc.id, slug: abc.slug, name: "Abbeville", category: abc.category, kind: abc.kind, certifications: [], role: "viewer" },
      { id: zed.id, slug: zed.slug, name: "Zed-sur-Mer", category: zed.category, kind: zed.kind, certifications: ["Qualivilles"], role: "owner" },
    ]);
    const lonely = await validateSessionToken((await createSession((await makeUser()).id, meta)).token);
    expect(lonely).toMatchObject({ staffRoles: [], memberships: [] });
  });

  it("expires after 10 days without activity and deletes the row", async () => {
    const user = await makeUser();
    const { token, session } = await createSession(user.id, meta);
    await db().update(sessions).set({ lastVerifiedAt: hoursAgo(24 * 10 + 1) }).where(eq(sessions.id, session.id));
    expect(await validateSessionToken(token)).toBeNull();
    expect(await db().select().from(sessions).where(eq(sessions.id, session.id))).toHaveLength(0);
  });

  it("expires 30 days after creation even when active", async () => {
    const user = await makeUser();
    const { token, session } = await createSession(user.id, meta);
    await db().update(sessions).set({ createdAt: hoursAgo(24 * 30 + 1), lastVerifiedAt: hoursAgo(0.1) }).where(eq(sessions.id, session.id));
    expect(await validateSessionToken(token)).toBeNull();
  });

  it("slides the inactivity window at most hourly", async () => {
    const user = await makeUser();
    const { token, session } = await createSession(user.id, meta);
    const recent = hoursAgo(0.5);
    await db().update(sessions).set({ lastVerifiedAt: recent }).where(eq(sessions.id, session.id));
    await validateSessionToken(token);
    let [row] = await db().select().from(sessions).where(eq(sessions.id, session.id));
    expect(row!.lastVerifiedAt.getTime()).toBe(recent.getTime());
    await db().update(sessions).set({ lastVerifiedAt: hoursAgo(2) }).where(eq(sessions.id, session.id));
    await validateSessionToken(token);
    [row] = await db().select().from(sessions).where(eq(sessions.id, session.id));
    expect(Date.now() - row!.lastVerifiedAt.getTime()).toBeLessThan(60_000);
  });

  it("lists a user's sessions and logs out everywhere", async () => {
    const user = await makeUser();
    const other = await makeUser();
    const a = await createSession(user.id, meta);
    await createSession(user.id, meta);
    const foreign = await createSession(other.id, meta);
    expect(await listUserSessions(user.id)).toHaveLength(2);
    await invalidateAllUserSessions(user.id, a.session.id);
    expect((await listUserSessions(user.id)).map((s) => s.id)).toEqual([a.session.id]);
    await invalidateAllUserSessions(user.id);
    expect(await validateSessionToken(a.token)).toBeNull();
    expect(await validateSessionToken(foreign.token)).not.toBeNull();
  });
});
