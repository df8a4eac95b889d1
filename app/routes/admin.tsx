import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { requireStaff } from "~/modules/auth/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  return null;
}

export default function AdminLayout() {
  return (
    <div className="container stack">
      <p className="muted">Back-office AFNOR</p>
      <nav className="tabs-nav" aria-label="Back-office">
        <ul>
          <li>
            <NavLink to="/admin" end>
              Structures
            </NavLink>
          </li>
          <li>
            <NavLink to="/admin/inscriptions">Inscriptions</NavLink>
          </li>
          <li>
            <NavLink to="/admin/editions">Éditions</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
