import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "~/utils/zod";
import { FieldErrors, Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { auditLockedReason, getAuditForEntry, requireAuditEntry, saveAuditAnswers, type EntryItem, type RawAnswers } from "~/modules/audits/audits.server";
import { auditStatusLabels, auditStatusTones } from "~/modules/audits/status";
import { channelLabels } from "~/modules/editions/audit-plan";
import { formatDate, formatDateTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Audit n° ${data.audit.number} — ${data.audit.tenantName}` : "Audit"} | Back-office | Baromètre Expérience Citoyen` },
];

async function loadEntry(request: Request, id: string | undefined) {
  const { user, roles } = await requireStaff(request, ["admin", "auditor"]);
  const auditId = z.uuid().safeParse(id);
  const entry = auditId.success ? await getAuditForEntry(auditId.data) : null;
  if (!entry) throw new Response("Audit introuvable", { status: 404 });
  const actor = { userId: user.id, roles };
  requireAuditEntry(actor, entry.audit);
  return { actor, entry };
}

/** Notices after a redirect (Post/Redirect/Get), keyed by a word in the URL. */
const savedMessages: Record<string, string> = {
  brouillon: "Brouillon enregistré. Vous pourrez reprendre la saisie plus tard.",
  valide: "Audit validé. Il compte désormais dans l'avancement de la structure.",
  correction: "Correction enregistrée et tracée dans le journal.",
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { entry } = await loadEntry(request, params.id);
  const { audit } = entry;
  const message = new URL(request.url).searchParams.get("enregistre");
  return {
    audit: {
      id: audit.id,
      number: audit.number,
      tenantName: audit.tenantName,
      editionYear: audit.editionYear,
      channel: channelLabels[audit.channel],
      scenario: audit.scenario,
      plannedOn: audit.plannedOn ? formatDate(audit.plannedOn) : "—",
      submittedAt: audit.submittedAt ? formatDateTime(audit.submittedAt) : null,
      auditorName: audit.auditorName ?? "Non affecté",
      status: audit.status,
    },
    stages: entry.stages,
    answers: entry.answers,
    locked: auditLockedReason(audit),
    saved: message ? (savedMessages[message] ?? null) : null,
  };
}

/** Form fields `valeur-<code>` and `commentaire-<code>` → the answers the service validates. */
function answersFromForm(formData: FormData): RawAnswers {
  const answers: RawAnswers = {};
  const comments = new Map<string, string>();
  for (const [key, entry] of formData) {
    const match = /^(valeur|commentaire)-(.+)$/.exec(key);
    if (!match || typeof entry !== "string") continue;
    if (match[1] === "valeur") answers[match[2]!] = { value: entry };
    else comments.set(match[2]!, entry);
  }
  for (const [code, comment] of comments) {
    // An unchecked radio group sends no value: with an empty comment the item is simply unanswered.
    if (answers[code]) answers[code].comment = comment;
    else if (comment.trim()) answers[code] = { value: "", comment };
  }
  return answers;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, entry } = await loadEntry(request, params.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const values = answersFromForm(formData);
  if (intent !== "draft" && intent !== "submit") return { message: "Action inconnue.", errors: {} as Record<string, string>, values };
  const outcome = await saveAuditAnswers(actor, entry.audit.id, values, intent);
  if (!outcome.ok) return { message: outcome.message, errors: outcome.errors, values };
  const saved = outcome.corrected ? "correction" : outcome.status === "submitted" ? "valide" : "brouillon";
  return redirect(`/admin/audits/${entry.audit.id}?enregistre=${saved}`);
}

const yesNoChoices = [
  { value: "oui", label: "Oui" },
  { value: "non", label: "Non" },
  { value: "na", label: "Sans objet" },
] as const;

function ItemControl({ item, value, error, disabled }: { item: EntryItem; value: string; error: string | undefined; disabled: boolean }) {
  const id = `item-${item.code}`;
  const errorId = `${id}-erreur`;
  const invalid = error ? true : undefined;
  const code = <span className="muted">({item.code})</span>;
  if (item.answerType === "yes_no") {
    return (
      <fieldset className="fieldset" aria-describedby={errorId}>
        <legend>
          {item.label} {code}
        </legend>
        <div className="cluster">
          {yesNoChoices.map((choice) => (
            <span className="checkbox" key={choice.value}>
              <input
                type="radio"
                id={`${id}-${choice.value}`}
                name={`valeur-${item.code}`}
                value={choice.value}
                defaultChecked={value === choice.value}
                aria-invalid={invalid}
                disabled={disabled}
              />
              <label htmlFor={`${id}-${choice.value}`}>{choice.label}</label>
            </span>
          ))}
        </div>
        <FieldErrors id={errorId} errors={error ? [error] : undefined} />
      </fieldset>
    );
  }
  if (item.answerType === "scale") {
    return (
      <div className="field">
        <label htmlFor={id}>
          {item.label} {code}
        </label>
        <p className="field-hint" id={`${id}-aide`}>
          Note de 0 (très insatisfaisant) à 4 (excellent).
        </p>
        <select id={id} name={`valeur-${item.code}`} defaultValue={value} aria-invalid={invalid} aria-describedby={`${id}-aide ${errorId}`} disabled={disabled}>
          <option value="">— Choisir —</option>
          {["0", "1", "2", "3", "4"].map((note) => (
            <option key={note} value={note}>
              {note}
            </option>
          ))}
          <option value="na">Sans objet</option>
        </select>
        <FieldErrors id={errorId} errors={error ? [error] : undefined} />
      </div>
    );
  }
  return (
    <div className="field">
      <label htmlFor={id}>
        {item.label} {code} (en {item.unit ?? "unités"})
      </label>
      <p className="field-hint" id={`${id}-aide`}>
        Un nombre (virgule décimale acceptée), ou « na » si sans objet.
      </p>
      <input
        type="text"
        inputMode="decimal"
        id={id}
        name={`valeur-${item.code}`}
        defaultValue={value}
        aria-invalid={invalid}
        aria-describedby={`${id}-aide ${errorId}`}
        autoComplete="off"
        disabled={disabled}
      />
      <FieldErrors id={errorId} errors={error ? [error] : undefined} />
    </div>
  );
}

/** A stored measure reads with a French decimal comma. */
function displayValue(item: EntryItem, stored: string | undefined) {
  if (stored === undefined) return "";
  return item.answerType === "measure" ? stored.replace(".", ",") : stored;
}

export default function AuditEntry() {
  const { audit, stages, answers, locked, saved } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const submitted = audit.status === "submitted";
  const itemCount = stages.reduce((sum, stage) => sum + stage.items.length, 0);
  const answered = stages.reduce((sum, stage) => sum + stage.items.filter((item) => answers[item.code]).length, 0);
  return (
    <div className="stack">
      <p>
        <Link to="/admin/audits">Retour aux audits</Link>
      </p>
      <h1>
        Audit n° {audit.number} — {audit.tenantName}
      </h1>
      {actionData ? <Notice tone="error">{actionData.message}</Notice> : saved ? <Notice>{saved}</Notice> : null}
      {locked ? <Notice tone="info">{locked}</Notice> : null}
      <dl className="definition-list">
        <dt>Édition</dt>
        <dd>{audit.editionYear}</dd>
        <dt>Canal</dt>
        <dd>{audit.channel}</dd>
        <dt>Scénario</dt>
        <dd>{audit.scenario}</dd>
        <dt>Date prévue</dt>
        <dd>{audit.plannedOn}</dd>
        <dt>Auditeur</dt>
        <dd>{audit.auditorName}</dd>
        <dt>Statut</dt>
        <dd>
          <span className={`badge badge-${auditStatusTones[audit.status]}`}>{auditStatusLabels[audit.status]}</span>
          {audit.submittedAt ? <span className="muted"> (le {audit.submittedAt})</span> : null}
        </dd>
        <dt>Réponses</dt>
        <dd>
          {answered} / {itemCount} items renseignés
        </dd>
      </dl>
      {itemCount === 0 ? (
        <Notice tone="warning">Le référentiel de cette édition n'a aucun item pour ce canal : rien à saisir.</Notice>
      ) : (
        <Form method="post" className="stack" aria-labelledby="titre-saisie" noValidate>
          <h2 id="titre-saisie">{submitted ? "Réponses de l'audit" : "Saisie de l'audit"}</h2>
          <p className="muted">
            Répondez à chaque item ; « Sans objet » (na) retire l'item du calcul. Le brouillon peut rester incomplet, la validation exige toutes les réponses
            {submitted ? " ; une correction est tracée dans le journal" : ""}.
          </p>
          {stages.map((stage) => (
            <section key={stage.code} className="card">
              <fieldset className="fieldset stack">
                <legend>{stage.label}</legend>
                {stage.items.map((item) => (
                  <div key={item.code} className="stack stack-sm">
                    <ItemControl
                      item={item}
                      value={actionData?.values[item.code]?.value ?? displayValue(item, answers[item.code]?.value)}
                      error={actionData?.errors[item.code]}
                      disabled={Boolean(locked)}
                    />
                    <div className="field">
                      <label htmlFor={`commentaire-${item.code}`}>
                        Commentaire
                        <span className="visually-hidden"> sur {item.code}</span> (facultatif)
                      </label>
                      <input
                        type="text"
                        id={`commentaire-${item.code}`}
                        name={`commentaire-${item.code}`}
                        defaultValue={actionData?.values[item.code]?.comment ?? answers[item.code]?.comment ?? ""}
                        maxLength={1000}
                        autoComplete="off"
                        disabled={Boolean(locked)}
                      />
                    </div>
                  </div>
                ))}
              </fieldset>
            </section>
          ))}
          {locked ? null : (
            <div className="cluster">
              {submitted ? (
                <button className="btn" type="submit" name="intent" value="submit" disabled={busy}>
                  Enregistrer la correction
                </button>
              ) : (
                <>
                  <button className="btn btn-secondary" type="submit" name="intent" value="draft" disabled={busy}>
                    Enregistrer le brouillon
                  </button>
                  <button className="btn" type="submit" name="intent" value="submit" disabled={busy}>
                    Valider l'audit
                  </button>
                </>
              )}
            </div>
          )}
        </Form>
      )}
    </div>
  );
}
