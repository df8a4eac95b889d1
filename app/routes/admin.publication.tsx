import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "~/utils/zod";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { publicationOverview, publishEditionResults } from "~/modules/results/publication.server";
import { formatDate, formatDateTime, formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Publication des résultats | Back-office | Baromètre Expérience Citoyen" }];

const publishSchema = z.object({
  annee: z.coerce.number({ message: "Édition inconnue." }).int().min(2000).max(2100),
  confirmation: z.literal("oui", { message: "Cochez la case pour confirmer la publication." }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const { roles } = await requireStaff(request, ["admin", "sales"]);
  const editions = await publicationOverview();
  return {
    canPublish: roles.includes("admin"),
    editions: editions.map((e) => ({
      ...e,
      publicationOn: formatDate(e.publicationOn),
      pending: e.enrolled - e.ready,
      latest: e.latest ? { ...e.latest, publishedAt: formatDateTime(e.latest.publishedAt) } : null,
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  const submission = parseWithZod(await request.formData(), { schema: publishSchema });
  if (submission.status !== "success") {
    const errors = Object.values(submission.error ?? {}).flat().filter(Boolean);
    return { year: Number(submission.payload.annee) || null, tone: "error" as const, message: errors[0] ?? "Demande invalide." };
  }
  const outcome = await publishEditionResults(user.id, submission.value.annee);
  if (!outcome.ok) return { year: submission.value.annee, tone: "error" as const, message: outcome.message };
  return {
    year: submission.value.annee,
    tone: "success" as const,
    message: `Résultats ${submission.value.annee} publiés (version ${outcome.version}) pour ${formatNumber(outcome.structures)} structures : leurs membres sont prévenus par e-mail.`,
  };
}

export default function AdminPublication() {
  const { canPublish, editions } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const navigation = useNavigation();
  return (
    <div className="stack">
      <h1>Publication des résultats</h1>
      <p>
        Publier fige les scores de chaque structure dont les 13 audits sont validés, calcule les repères des pairs et prévient
        les membres par e-mail. Une nouvelle publication crée une nouvelle version : les précédentes restent consultables.
      </p>
      <p>
        <a href="/admin/publication.csv" download>
          Exporter en CSV
        </a>
      </p>
      {outcome && outcome.year === null ? <Notice tone={outcome.tone}>{outcome.message}</Notice> : null}
      {editions.map((edition) => {
        const titleId = `edition-${edition.year}`;
        const busy = navigation.state === "submitting" && navigation.formData?.get("annee") === String(edition.year);
        return (
          <section key={edition.year} className="card stack stack-sm" aria-labelledby={titleId}>
            <h2 id={titleId}>{edition.title}</h2>
            {outcome && outcome.year === edition.year ? <Notice tone={outcome.tone}>{outcome.message}</Notice> : null}
            <dl className="definition-list">
              <div>
                <dt>Structures inscrites en audit</dt>
                <dd>{formatNumber(edition.enrolled)}</dd>
              </div>
              <div>
                <dt>Structures aux audits tous validés</dt>
                <dd>{formatNumber(edition.ready)}</dd>
              </div>
              <div>
                <dt>Audits validés</dt>
                <dd>
                  {formatNumber(edition.auditsSubmitted)} / {formatNumber(edition.auditsPlanned)}
                </dd>
              </div>
              <div>
                <dt>Publication prévue</dt>
                <dd>{edition.publicationOn}</dd>
              </div>
            </dl>
            <p>
              {edition.latest
                ? `Dernière publication : version ${edition.latest.version}, le ${edition.latest.publishedAt}${edition.latest.publishedBy ? ` par ${edition.latest.publishedBy}` : ""}, ${formatNumber(edition.latest.structures)} structures.`
                : "Résultats non publiés."}
            </p>
            {canPublish && edition.ready > 0 ? (
              <Form method="post" className="stack stack-sm">
                <input type="hidden" name="annee" value={edition.year} />
                {edition.pending > 0 ? (
                  <Notice tone="warning">
                    {formatNumber(edition.pending)} structure{edition.pending > 1 ? "s ont" : " a"} encore des audits à valider : elle
                    {edition.pending > 1 ? "s ne seront pas publiées" : " ne sera pas publiée"} cette fois.
                  </Notice>
                ) : null}
                <div className="checkbox">
                  <input type="checkbox" id={`confirmation-${edition.year}`} name="confirmation" value="oui" required />
                  <label htmlFor={`confirmation-${edition.year}`}>
                    Je confirme la publication des résultats {edition.year} de {formatNumber(edition.ready)} structures ; leurs audits ne
                    pourront plus être corrigés.
                  </label>
                </div>
                <p>
                  <button className="btn" type="submit" disabled={busy}>
                    {edition.latest ? `Republier les résultats ${edition.year}` : `Publier les résultats ${edition.year}`}
                  </button>
                </p>
              </Form>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
