import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { barometerCategoryLabels, isBarometerCategory } from "~/modules/tenancy/categories";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { can, memberRoleLabels } from "~/modules/tenancy/permissions";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { tenant, role } = await requireMembership(request, params.tenant);
  return {
    tenant: {
      slug: tenant.slug,
      name: tenant.name,
      category: isBarometerCategory(tenant.category) ? barometerCategoryLabels[tenant.category] : tenant.category,
    },
    role,
    roleLabel: memberRoleLabels[role],
    canSeeMembers: can(role, "members.read"),
    canEnrol: can(role, "enrolment.manage"),
    canSeeBilling: can(role, "billing.read"),
    canManageShowcase: can(role, "tenant.update"),
    canExport: can(role, "tenant.export"),
  };
}

export default function TenantLayout() {
  const { tenant, roleLabel, canSeeMembers, canEnrol, canSeeBilling, canManageShowcase, canExport } = useLoaderData<typeof loader>();
  return (
    <div className="container stack">
      <div className="page-header">
        <p className="muted">
          {tenant.category} · votre rôle : {roleLabel}
        </p>
      </div>
      <nav className="tabs-nav" aria-label={`Espace de ${tenant.name}`}>
        <ul>
          <li>
            <NavLink to={`/t/${tenant.slug}`} end>
              Tableau de bord
            </NavLink>
          </li>
          <li>
            <NavLink to={`/t/${tenant.slug}/resultats`}>Résultats</NavLink>
          </li>
          <li>
            <NavLink to={`/t/${tenant.slug}/plan-action`}>Plan d'action</NavLink>
          </li>
          <li>
            <NavLink to={`/t/${tenant.slug}/bonnes-pratiques`}>Bonnes pratiques</NavLink>
          </li>
          <li>
            <NavLink to={`/t/${tenant.slug}/offres`}>Offres</NavLink>
          </li>
          {canEnrol ? (
            <li>
              <NavLink to={`/t/${tenant.slug}/inscription`}>Inscription</NavLink>
            </li>
          ) : null}
          {canSeeBilling ? (
            <li>
              <NavLink to={`/t/${tenant.slug}/facturation`}>Facturation</NavLink>
            </li>
          ) : null}
          {canSeeMembers ? (
            <li>
              <NavLink to={`/t/${tenant.slug}/membres`}>Membres</NavLink>
            </li>
          ) : null}
          {canManageShowcase ? (
            <li>
              <NavLink to={`/t/${tenant.slug}/vitrine`}>Vitrine des lauréats</NavLink>
            </li>
          ) : null}
          {canExport ? (
            <li>
              <NavLink to={`/t/${tenant.slug}/donnees`}>Données de la structure</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
