import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { can } from "~/modules/tenancy/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? "Structure"} | Baromètre Expérience Citoyen` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { tenant, role } = await requireMembership(request, params.tenant);
  return { name: tenant.name, slug: tenant.slug, welcome: new URL(request.url).searchParams.has("bienvenue"), canInvite: can(role, "members.invite") };
}

export default function TenantHome() {
  const { name, slug, welcome, canInvite } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{name}</h1>
      {welcome ? <Notice>Bienvenue dans l'espace de {name}.</Notice> : null}
      <section className="card stack" aria-labelledby="titre-prochaines-etapes">
        <h2 id="titre-prochaines-etapes">Prochaines étapes</h2>
        <ol className="steps">
          <li>Inscrire la structure à l'édition ouverte du baromètre.</li>
          <li>Suivre les 13 audits mystères sur les canaux de contact.</li>
          <li>Lire les résultats et piloter le plan d'action.</li>
        </ol>
        {canInvite ? (
          <p>
            <Link to={`/t/${slug}/membres`}>Inviter vos collègues</Link> pour travailler ensemble.
          </p>
        ) : null}
      </section>
    </div>
  );
}
