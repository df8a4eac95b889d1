import { env } from "~/env.server";
import { listUserTenants } from "../tenancy/tenants.server";
import { getAuthenticated, getStaffRoles } from "./guards.server";

/** What the page shell needs: who is signed in, their structures and whether they are staff. */
export async function loadShell(request: Request) {
  const auth = await getAuthenticated(request);
  const demo = env().DEMO;
  if (!auth) return { user: null, tenants: [], staffRoles: [], demo };
  const [tenants, staffRoles] = await Promise.all([listUserTenants(auth.user.id), getStaffRoles(auth.user.id)]);
  return {
    user: { id: auth.user.id, name: auth.user.name, email: auth.user.email, emailVerified: auth.user.emailVerified },
    tenants: tenants.map(({ slug, name, role }) => ({ slug, name, role })),
    staffRoles,
    demo,
  };
}
