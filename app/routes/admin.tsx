import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireStaff, type StaffRole } from "~/modules/auth/guards.server";

/** The back-office sections and the staff roles that may use each (every child route checks again). */
const sections: { to: string; label: string; end?: boolean; roles: readonly StaffRole[] }[] = [
  { to: "/admin/tableau-de-bord", label: "Tableau de bord", roles: ["admin", "sales"] },
  { to: "/admin", label: "Structures", end: true, roles: ["admin", "sales"] },
  { to: "/admin/inscriptions", label: "Inscriptions", roles: ["admin", "sales"] },
  { to: "/admin/editions", label: "Éditions", roles: ["admin", "sales"] },
  { to: "/admin/referentiel", label: "Référentiel", roles: ["admin", "sales", "auditor"] },
  { to: "/admin/audits", label: "Audits", roles: ["admin", "auditor"] },
  { to: "/admin/publication", label: "Publication", roles: ["admin", "sales"] },
  { to: "/admin/factures", label: "Factures", roles: ["admin", "sales"] },
  { to: "/admin/impayes", label: "Impayés", roles: ["admin", "sales"] },
  { to: "/admin/prospects", label: "Prospects", roles: ["admin", "sales"] },
  { to: "/admin/offres", label: "Offres", roles: ["admin", "sales"] },
  { to: "/admin/bonnes-pratiques", label: "Bonnes pratiques", roles: ["admin"] },
  { to: "/admin/laureats", label: "Lauréats", roles: ["admin", "sales"] },
  { to: "/admin/chiffres-cles", label: "Chiffres clés", roles: ["admin", "sales"] },
  { to: "/admin/equipe", label: "Équipe", roles: ["admin"] },
  { to: "/admin/journal", label: "Journal", roles: ["admin"] },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { roles } = await requireStaff(request, ["admin", "sales", "auditor"]);
  const visible = sections.filter((section) => section.roles.some((role) => roles.includes(role)));
  // An auditor's back-office is their audits: the home of the back-office leads there.
  if (new URL(request.url).pathname.replace(/\/$/, "") === "/admin" && !visible.some((section) => section.to === "/admin")) throw redirect("/admin/audits");
  return { sections: visible.map(({ to, label, end }) => ({ to, label, end: end ?? false })) };
}

export default function AdminLayout() {
  const { sections } = useLoaderData<typeof loader>();
  return (
    <div className="container stack">
      <p className="muted">Back-office AFNOR</p>
      <nav className="tabs-nav" aria-label="Back-office">
        <ul>
          {sections.map((section) => (
            <li key={section.to}>
              <NavLink to={section.to} end={section.end}>
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
