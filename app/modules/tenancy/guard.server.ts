import { requireUser, type Authenticated } from "../auth/guards.server";
import { readSessionToken } from "../auth/session.server";
import { allowedWhileImpersonating, IMPERSONATION_READ_ONLY_MESSAGE } from "../auth/impersonation";
import { getImpersonation } from "../auth/impersonation.server";
import { annotateRequest } from "../observability/request-context.server";
import { requestMemoKey } from "../observability/request-memo.server";
import { can, type MemberRole, type Permission } from "./permissions";
import { findMembershipBySession } from "./tenants.server";

export type TenantContext = Authenticated & {
  tenant: { id: string; slug: string; name: string; category: string; kind: string };
  role: MemberRole;
  /** An AFNOR admin's "voir comme" consultation: not a member, read-only whatever the permission. */
  impersonating?: boolean;
};

const memberships = new WeakMap<object, Map<string, ReturnType<typeof findMembershipBySession>>>();

/**
 * The membership of the request's session user in the structure, read once per request (the
 * layout and the page loaders both ask), started before the session is validated: the caller
 * uses it only after that validation, for the same user.
 */
function membershipOf(request: Request, slug: string | undefined) {
  const sessionId = slug ? readSessionToken(request)?.split(".")[0] : undefined;
  if (!slug || !sessionId) return null;
  const memoKey = requestMemoKey(request);
  let bySlug = memberships.get(memoKey);
  if (!bySlug) memberships.set(memoKey, (bySlug = new Map()));
  const key = `${sessionId}:${slug}`;
  let pending = bySlug.get(key);
  if (!pending) {
    pending = findMembershipBySession(sessionId, slug);
    pending.catch(() => bySlug.delete(key));
    bySlug.set(key, pending);
  }
  return pending;
}

/**
 * The one guard of the tenant portal. A non-member gets 404 (the portal never reveals that a
 * structure exists); a member whose role lacks the permission gets 403. During an admin's
 * "voir comme", only the consulted structure opens, as a viewer, and nothing may be written.
 */
export async function requireMembership(request: Request, slug: string | undefined, permission: Permission = "tenant.read"): Promise<TenantContext> {
  const early = membershipOf(request, slug);
  early?.catch(() => {}); // awaited below, unless the session turns out invalid
  const auth = await requireUser(request);
  const impersonation = await getImpersonation(request);
  if (impersonation) {
    if (!slug || slug !== impersonation.tenant.slug) throw new Response("Page introuvable", { status: 404 });
    annotateRequest({ tenant: impersonation.tenant.slug });
    if (!allowedWhileImpersonating(request.method, new URL(request.url).pathname)) throw new Response(IMPERSONATION_READ_ONLY_MESSAGE, { status: 403 });
    if (!can("viewer", permission)) throw new Response("Votre rôle dans cette structure ne permet pas cette action.", { status: 403 });
    return { ...auth, role: "viewer", tenant: impersonation.tenant, impersonating: true };
  }
  const membership = early ? await early : null;
  if (!membership || membership.userId !== auth.user.id) throw new Response("Page introuvable", { status: 404 });
  annotateRequest({ tenant: membership.tenant.slug });
  if (!can(membership.role, permission)) throw new Response("Votre rôle dans cette structure ne permet pas cette action.", { status: 403 });
  const { tenant } = membership;
  return { ...auth, role: membership.role, tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, category: tenant.category, kind: tenant.kind } };
}
