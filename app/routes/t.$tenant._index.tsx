import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/ui/field";
import { auditProgress } from "~/modules/audits/audits.server";
import { getOpenEdition } from "~/modules/editions/editions.server";
import { getTenantEnrolment } from "~/modules/enrolment/enrolment.server";
import type { EnrolmentStatus } from "~/modules/enrolment/state-machine";
import { enrolmentTimeline } from "~/modules/enrolment/timeline";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { can } from "~/modules/tenancy/permissions";
import { tenantScheduledDeletion } from "~/modules/retention/retention.server";
import { formatDate } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? "Structure"} | Baromètre Expérience Citoyen` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant);
  const { tenant, role } = ctx;
  const edition = await getOpenEdition();
  const enrolment = edition ? await getTenantEnrolment(ctx, edition.id) : null;
  // Before publication a structure sees how many audits are done, never an answer nor a score.
  const progress = edition && enrolment ? await auditProgress(tenant.id, edition.id) : null;
  const scheduled = await tenantScheduledDeletion(tenant.id);
  return {
    scheduledDeletion: scheduled && {
      date: formatDate(scheduled.deletionDate),
      since: scheduled.neverTookPart ? `depuis la création de son espace, le ${formatDate(scheduled.lastParticipation)}` : `depuis le ${formatDate(scheduled.lastParticipation)}`,
      state: scheduled.state,
    },
    name: tenant.name,
    slug: tenant.slug,
    welcome: new URL(request.url).searchParams.has("bienvenue"),
    canInvite: can(role, "members.invite"),
    canEnrol: can(role, "enrolment.manage"),
    edition: edition && { year: edition.year },
    enrolled: Boolean(enrolment),
    timeline: enrolmentTimeline((enrolment?.status as EnrolmentStatus | undefined) ?? null, progress?.done ?? 0, progress?.planned || undefined),
  };
}

export default function TenantHome() {
  const { name, slug, welcome, canInvite, canEnrol, edition, enrolled, timeline, scheduledDeletion } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{name}</h1>
      {welcome ? <Notice>Bienvenue dans l'espace de {name}.</Notice> : null}
      {scheduledDeletion ? (
        <Notice tone="warning">
          {scheduledDeletion.state === "awaiting_payment"
            ? `La durée de conservation des données de ${name} a pris fin le ${scheduledDeletion.date} : son espace sera supprimé une fois les paiements en cours réglés.`
            : scheduledDeletion.state === "due"
              ? `La durée de conservation des données de ${name} a pris fin le ${scheduledDeletion.date} : son espace va être supprimé.`
              : `Sans nouvelle participation, l'espace de ${name} sera supprimé le ${scheduledDeletion.date} : la structure n'a pas participé au baromètre ${scheduledDeletion.since}, et ses données sont conservées 5 ans après la dernière participation. Une inscription à une édition ou la commande d'une offre le conserve.`}
          {canEnrol && scheduledDeletion.state === "announced" ? (
            <>
              {" "}
              <Link to={`/t/${slug}/inscription`}>Inscrire la structure</Link>
            </>
          ) : null}
        </Notice>
      ) : null}
      <section className="card stack" aria-labelledby="titre-edition">
        <h2 id="titre-edition">{edition ? `Édition ${edition.year} du baromètre` : "Baromètre"}</h2>
        <ol className="steps">
          {timeline.map((step) => (
            <li key={step.label} data-state={step.state} aria-current={step.state === "current" ? "step" : undefined}>
              {step.label}
              {step.state === "done" ? <span className="visually-hidden"> (fait)</span> : null}
            </li>
          ))}
        </ol>
        {edition && !enrolled && canEnrol ? (
          <p>
            <Link className="btn" to={`/t/${slug}/inscription`}>
              Inscrire la structure à l'édition {edition.year}
            </Link>
          </p>
        ) : null}
        {enrolled && canEnrol ? (
          <p>
            <Link to={`/t/${slug}/inscription`}>Suivre l'inscription</Link> · <Link to={`/t/${slug}/facturation`}>Facturation</Link>
          </p>
        ) : null}
        {canInvite ? (
          <p>
            <Link to={`/t/${slug}/membres`}>Inviter vos collègues</Link> pour travailler ensemble.
          </p>
        ) : null}
      </section>
    </div>
  );
}
