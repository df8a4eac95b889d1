import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EditionForm, EditionStatusBadge } from "~/components/editions";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { getEditionWithPrices, setEditionStatus, updateEdition } from "~/modules/editions/admin.server";
import { editionFormDefaults, editionSchema } from "~/modules/editions/edition-schema";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Édition ${data.edition.year}` : "Édition"} | Back-office | Baromètre Expérience Citoyen` },
];

async function loadEdition(params: LoaderFunctionArgs["params"]) {
  const year = params.annee ?? "";
  const edition = /^\d{4}$/.test(year) ? await getEditionWithPrices(Number(year)) : null;
  if (!edition) throw new Response("Édition introuvable", { status: 404 });
  return edition;
}

/** Notices after a redirect (Post/Redirect/Get), keyed by a word in the URL. */
const savedMessages: Record<string, string> = {
  creee: "Édition créée, en brouillon : ouvrez les inscriptions quand elle est prête.",
  enregistree: "Modifications enregistrées.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin"]);
  const edition = await loadEdition(params);
  const message = new URL(request.url).searchParams.get("message");
  return {
    edition: { id: edition.id, year: edition.year, title: edition.title, status: edition.status, updatedAt: formatDateTime(edition.updatedAt) },
    formVersion: `${edition.id}-${edition.updatedAt.getTime()}`,
    defaultValue: editionFormDefaults(edition),
    saved: message ? (savedMessages[message] ?? null) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  const edition = await loadEdition(params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "open" || intent === "close") {
    const outcome = await setEditionStatus(user.id, edition.id, intent === "open" ? "open" : "closed");
    if (!outcome) throw new Response("Édition introuvable", { status: 404 });
    return { result: undefined, notice: { tone: outcome.ok ? ("success" as const) : ("error" as const), message: outcome.message } };
  }
  if (intent !== "save") return { result: undefined, notice: { tone: "error" as const, message: "Action inconnue." } };
  const submission = parseWithZod(formData, { schema: editionSchema });
  if (submission.status !== "success") return { result: submission.reply(), notice: null };
  const outcome = await updateEdition(user.id, edition.id, submission.value);
  if (!outcome) throw new Response("Édition introuvable", { status: 404 });
  if (!outcome.ok) return { result: submission.reply({ fieldErrors: outcome.fieldErrors }), notice: null };
  return redirect(`/admin/editions/${outcome.edition.year}?message=enregistree`);
}

export default function EditEdition() {
  const { edition, formVersion, defaultValue, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const notice = actionData?.notice ?? (saved ? { tone: "success" as const, message: saved } : null);
  return (
    <div className="stack">
      <p>
        <Link to="/admin/editions">Retour aux éditions</Link>
      </p>
      <h1>Édition {edition.year}</h1>
      {notice ? <Notice tone={notice.tone}>{notice.message}</Notice> : null}
      <section className="card stack stack-sm" aria-labelledby="titre-inscriptions">
        <h2 id="titre-inscriptions">Inscriptions</h2>
        <p>
          Statut : <EditionStatusBadge status={edition.status} /> <span className="muted">(modifiée le {edition.updatedAt})</span>
        </p>
        <Form method="post" className="cluster">
          {edition.status === "open" ? (
            <button className="btn btn-secondary" type="submit" name="intent" value="close">
              Fermer les inscriptions
            </button>
          ) : (
            <button className="btn" type="submit" name="intent" value="open">
              Ouvrir les inscriptions
            </button>
          )}
        </Form>
        <p className="field-hint">Une seule édition peut être ouverte à la fois.</p>
      </section>
      <EditionForm id={`edition-${formVersion}`} defaultValue={defaultValue} lastResult={actionData?.result} submitLabel="Enregistrer les modifications" />
    </div>
  );
}
