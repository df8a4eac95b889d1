import { requireIdentity, type Authenticated } from "../auth/guards.server";
import { allowedWhileImpersonating, IMPERSONATION_READ_ONLY_MESSAGE } from "../auth/impersonation";
import { getImpersonation } from "../auth/impersonation.server";
import { annotateRequest } from "../observability/request-context.server";
import { can, type MemberRole, type Permission } from "./permissions";

export type TenantContext = Authenticated & {
  tenant: { id: string; slug: string; name: string; category: string; kind: string; certifications: string[] };
  role: MemberRole;
  /** An AFNOR admin's "voir comme" consultation: not a member, read-only whatever the permission. */
  impersonating?: boolean;
};

/**
 * The one guard of the tenant portal. A non-member gets 404 (the portal never reveals that a
 * structure exists); a member whose role lacks the permission gets 403. During an admin's
 * "voir comme", only the consulted structure opens, as a viewer, and nothing may be written.
 */
export async function requireMembership(request: Request, slug: string | undefined, permission: Permission = "tenant.read"): Promise<TenantContext> {
  const identity = await requireIdentity(request);
  const auth = { user: identity.user, session: identity.session };
  const impersonation = await getImpersonation(request);
  if (impersonation) {
    if (!slug || slug !== impersonation.tenant.slug) throw new Response("Page introuvable", { status: 404 });
    annotateRequest({ tenant: impersonation.tenant.slug });
    if (!allowedWhileImpersonating(request.method, new URL(request.url).pathname)) throw new Response(IMPERSONATION_READ_ONLY_MESSAGE, { status: 403 });
    if (!can("viewer", permission)) throw new Response("Votre rôle dans cette structure ne permet pas cette action.", { status: 403 });
    return { ...auth, role: "viewer", tenant: impersonation.tenant, impersonating: true };
  }
  const membership = slug ? identity.memberships.find((m) => m.slug === slug) : undefined;
  if (!membership) throw new Response("Page introuvable", { status: 404 });
  annotateRequest({ tenant: membership.slug });
  if (!can(membership.role, permission)) throw new Response("Votre rôle dans cette structure ne permet pas cette action.", { status: 403 });
  const { id, name, category, kind, certifications } = membership;
  return { ...auth, role: membership.role, tenant: { id, slug: membership.slug, name, category, kind, certifications } };
}
