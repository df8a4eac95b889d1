import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EditionFiguresView } from "~/components/key-figures";
import { Notice } from "~/components/ui/field";
import { channelLabels } from "~/modules/editions/audit-plan";
import { requireStaff } from "~/modules/auth/guards.server";
import { editorialFigures, keyFigureChannels } from "~/modules/public/key-figures";
import {
  deltaFieldName,
  keyFiguresFormDefaults,
  keyFiguresFormValuesOf,
  keyFiguresYearSchema,
  parseKeyFiguresForm,
  scoreFieldName,
  type KeyFiguresFieldErrors,
  type KeyFiguresFormValues,
} from "~/modules/public/key-figures-schema";
import { keyFiguresForEditor, saveKeyFigures, setKeyFiguresPublished } from "~/modules/public/key-figures.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Chiffres clés ${data?.year ?? ""} | Back-office | Baromètre Expérience Citoyen` },
];

function yearOf(params: LoaderFunctionArgs["params"]) {
  const year = keyFiguresYearSchema.safeParse(params.annee);
  if (!year.success || !/^\d{4}$/.test(params.annee ?? "")) throw new Response("Édition introuvable", { status: 404 });
  return year.data;
}

/** Notices after a redirect (Post/Redirect/Get), keyed by a word in the URL. */
const savedMessages: Record<string, string> = {
  enregistres: "Chiffres enregistrés.",
  publies: "Chiffres enregistrés et publiés : la page publique les affiche.",
  depublies: "Chiffres dépubliés : ils ne sont plus visibles du public.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { roles } = await requireStaff(request, ["admin", "sales"]);
  const year = yearOf(params);
  const editor = await keyFiguresForEditor(year);
  const message = new URL(request.url).searchParams.get("message");
  return {
    year,
    canEdit: roles.includes("admin"),
    exists: editor.updatedAt !== null,
    published: editor.published,
    updatedAt: editor.updatedAt ? formatDateTime(editor.updatedAt) : null,
    fromComputed: editor.computed !== null,
    values: keyFiguresFormDefaults(editor.row),
    saved: message ? (savedMessages[message] ?? null) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  const year = yearOf(params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "unpublish") {
    const done = await setKeyFiguresPublished(user.id, year, false);
    if (!done) throw new Response("Édition introuvable", { status: 404 });
    return redirect(`/admin/chiffres-cles/${year}?message=depublies`);
  }
  const values = keyFiguresFormValuesOf(formData);
  if (intent !== "preview" && intent !== "save" && intent !== "publish") return { values, errors: {} as KeyFiguresFieldErrors, preview: null, notice: "Action inconnue." };
  const parsed = parseKeyFiguresForm(values);
  if (!parsed.ok) return { values, errors: parsed.errors, preview: null, notice: "Corrigez les champs signalés : rien n'a été enregistré." };
  if (intent === "preview") return { values, errors: {} as KeyFiguresFieldErrors, preview: editorialFigures({ year, ...parsed.value }), notice: null };
  await saveKeyFigures(user.id, year, parsed.value, intent === "publish" ? true : undefined);
  return redirect(`/admin/chiffres-cles/${year}?message=${intent === "publish" ? "publies" : "enregistres"}`);
}

function FigureInput({ name, label, hint, values, errors }: { name: string; label: string; hint?: string; values: KeyFiguresFormValues; errors: KeyFiguresFieldErrors }) {
  const id = `champ-${name}`;
  const error = errors[name];
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-aide`} className="field-hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        inputMode="decimal"
        defaultValue={values[name] ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint ? `${id}-aide` : null, `${id}-erreur`].filter(Boolean).join(" ")}
      />
      <FieldError id={`${id}-erreur`} error={error} />
    </div>
  );
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return (
    <div id={id} aria-live="polite">
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}

export default function EditKeyFigures() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { year, canEdit, exists, published, updatedAt, fromComputed, saved } = loaderData;
  const values = actionData?.values ?? loaderData.values;
  const errors: KeyFiguresFieldErrors = actionData?.errors ?? {};
  const preview = actionData?.preview ?? null;
  const notice = actionData?.notice ? { tone: "error" as const, message: actionData.notice } : saved ? { tone: "success" as const, message: saved } : null;
  return (
    <div className="stack">
      <p>
        <Link to="/admin/chiffres-cles">Retour aux chiffres clés</Link>
      </p>
      <h1>Chiffres clés {year}</h1>
      {notice ? <Notice tone={notice.tone}>{notice.message}</Notice> : null}
      <p>
        Statut : {exists ? (published ? <span className="badge badge-success">Publiés</span> : <span className="badge badge-neutral">Brouillon</span>) : "aucun chiffre saisi"}
        {updatedAt ? <span className="muted"> (modifiés le {updatedAt})</span> : null}
        {exists && published ? (
          <>
            {" "}
            · <a href={`/chiffres-cles/${year}`}>Voir la page publique</a>
          </>
        ) : null}
      </p>
      {!exists && fromComputed ? (
        <Notice tone="info">Le formulaire reprend les moyennes nationales calculées à partir des résultats publiés. Rien n'est enregistré tant que vous n'avez pas validé.</Notice>
      ) : null}
      {!canEdit ? <Notice tone="info">Consultation seule : seule l'équipe d'administration modifie les chiffres clés.</Notice> : null}
      {preview ? (
        <section className="card stack" aria-labelledby="titre-apercu">
          <h2 id="titre-apercu">Aperçu de la page publique (non enregistré)</h2>
          <EditionFiguresView figures={preview} />
        </section>
      ) : null}
      <Form method="post" className="stack" noValidate>
        <fieldset className="stack" disabled={!canEdit}>
          <legend className="visually-hidden">Chiffres clés de l'édition {year}</legend>
          <p className="field-hint">
            Laissez vide ce qui n'a pas été publié : la page publique n'affiche que les champs remplis. Scores sur 100 avec au plus une décimale (« 62,5 »), évolutions en points
            avec leur signe (« −6,5 », « +5 »).
          </p>
          <div className="field">
            <label htmlFor="champ-editionLabel">Libellé de l'édition</label>
            <input id="champ-editionLabel" name="editionLabel" defaultValue={values.editionLabel ?? ""} aria-describedby="champ-editionLabel-aide champ-editionLabel-erreur" aria-invalid={errors.editionLabel ? true : undefined} />
            <p id="champ-editionLabel-aide" className="field-hint">
              Par exemple « 8e édition ».
            </p>
            <FieldError id="champ-editionLabel-erreur" error={errors.editionLabel} />
          </div>
          <fieldset className="stack stack-sm">
            <legend>Score global national</legend>
            <div className="cluster">
              <FigureInput name="globalScore" label="Score global (sur 100)" values={values} errors={errors} />
              <FigureInput name="globalDelta" label="Évolution sur un an (points)" values={values} errors={errors} />
            </div>
          </fieldset>
          <fieldset className="stack stack-sm">
            <legend>Participation</legend>
            <div className="cluster">
              <FigureInput name="participants" label="Structures participantes" values={values} errors={errors} />
              <div className="field">
                <label>
                  <input
                    type="checkbox"
                    name="participantsApproximate"
                    defaultChecked={values.participantsApproximate === "on"}
                    aria-describedby="champ-participantsApproximate-erreur"
                    aria-invalid={errors.participantsApproximate ? true : undefined}
                  />{" "}
                  Nombre approximatif (affiché « environ … »)
                </label>
                <FieldError id="champ-participantsApproximate-erreur" error={errors.participantsApproximate} />
              </div>
            </div>
          </fieldset>
          <fieldset className="stack stack-sm">
            <legend>Structures certifiées et autres</legend>
            <div className="cluster">
              <FigureInput name="certifiedScore" label="Score des structures certifiées (sur 100)" values={values} errors={errors} />
              <FigureInput name="othersScore" label="Score des autres structures (sur 100)" values={values} errors={errors} />
            </div>
          </fieldset>
          <fieldset className="stack stack-sm">
            <legend>Scores par canal (une ligne par canal)</legend>
            {keyFigureChannels.map((code) => (
              <div className="cluster" key={code}>
                <FigureInput name={scoreFieldName(code)} label={`${channelLabels[code]} : score (sur 100)`} values={values} errors={errors} />
                <FigureInput name={deltaFieldName(code)} label={`${channelLabels[code]} : évolution (points)`} values={values} errors={errors} />
              </div>
            ))}
          </fieldset>
          <div className="field">
            <label htmlFor="champ-facts">Faits marquants (un par ligne)</label>
            <textarea id="champ-facts" name="facts" rows={6} defaultValue={values.facts ?? ""} aria-describedby="champ-facts-erreur" aria-invalid={errors.facts ? true : undefined} />
            <FieldError id="champ-facts-erreur" error={errors.facts} />
          </div>
          <div className="field">
            <label htmlFor="champ-summary">Présentation (facultative)</label>
            <textarea id="champ-summary" name="summary" rows={3} defaultValue={values.summary ?? ""} aria-describedby="champ-summary-erreur" aria-invalid={errors.summary ? true : undefined} />
            <FieldError id="champ-summary-erreur" error={errors.summary} />
          </div>
          {canEdit ? (
            <div className="cluster">
              <button className="btn btn-secondary" type="submit" name="intent" value="preview">
                Aperçu
              </button>
              <button className={published ? "btn" : "btn btn-secondary"} type="submit" name="intent" value="save">
                {published ? "Enregistrer (reste publié)" : "Enregistrer en brouillon"}
              </button>
              {published ? null : (
                <button className="btn" type="submit" name="intent" value="publish">
                  Publier
                </button>
              )}
            </div>
          ) : null}
        </fieldset>
      </Form>
      {canEdit && exists && published ? (
        <Form method="post" className="card stack stack-sm">
          <h2>Retirer du public</h2>
          <p>Les chiffres restent enregistrés en brouillon ; la page publique affiche alors, s'il y en a, les chiffres calculés à partir des résultats publiés.</p>
          <div className="cluster">
            <button className="btn btn-danger" type="submit" name="intent" value="unpublish">
              Dépublier
            </button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
