import { env } from "~/env.server";
import { getIdentity } from "./guards.server";

/** What the page shell needs: who is signed in, their structures and whether they are staff. */
export async function loadShell(request: Request) {
  const identity = await getIdentity(request);
  const demo = env().DEMO;
  if (!identity) return { user: null, tenants: [], staffRoles: [], demo };
  const { user, memberships, staffRoles } = identity;
  return {
    user: { id: user.id, name: user.name, email: user.email, emailVerified: user.emailVerified },
    tenants: memberships.map(({ slug, name, role }) => ({ slug, name, role })),
    staffRoles,
    demo,
  };
}
