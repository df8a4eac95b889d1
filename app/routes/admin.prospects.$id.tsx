import { getFormProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { Field, FieldErrors, FormMessage, Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { formatEurosInput } from "~/modules/editions/edition-schema";
import {
  changeOfForm,
  describeLeadAudit,
  isContactOverdue,
  leadNoteSchema,
  leadStatuses,
  leadStatusLabels,
  leadStatusTones,
  leadUpdateSchema,
  nextLeadStatuses,
  orderStatusLabels,
} from "~/modules/leads/lead-status";
import { addLeadNote, getLead, listSalesPeople, updateLead } from "~/modules/leads/leads.server";
import { formatDate, formatDateTime, formatEuros, formatNumber } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.lead.title ?? "Prospect"} | Prospects | Back-office | Baromètre Expérience Citoyen` }];

/** A lead id from the URL: anything but a UUID is simply not found. */
function leadId(params: LoaderFunctionArgs["params"]) {
  const parsed = z.uuid().safeParse(params.id);
  if (!parsed.success) throw new Response("Prospect introuvable", { status: 404 });
  return parsed.data;
}

const paymentLabels = { card: "Carte bancaire", invoice: "Facture (mandat administratif)" } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin", "sales"]);
  const found = await getLead(leadId(params));
  if (!found) throw new Response("Prospect introuvable", { status: 404 });
  const { lead, order, notes, history, names } = found;
  const salesPeople = await listSalesPeople();
  // Someone who left the sales team stays selectable on their leads, so that saving keeps them.
  if (lead.assigneeId && !salesPeople.some((person) => person.id === lead.assigneeId)) {
    salesPeople.push({ id: lead.assigneeId, name: `${lead.assigneeName ?? lead.assigneeEmail ?? "—"} (hors équipe commerciale)`, email: lead.assigneeEmail ?? "" });
  }
  return {
    lead: {
      id: lead.id,
      title: lead.title,
      status: lead.status,
      tenantName: lead.tenantName,
      tenantSlug: lead.tenantSlug,
      offerTitle: lead.offerTitle,
      assignee: lead.assigneeId ? (lead.assigneeName ?? lead.assigneeEmail ?? "—") : "Non attribué",
      value: lead.valueHtCents === null ? "Non chiffré" : `${formatEuros(lead.valueHtCents)} HT`,
      nextContact: lead.nextContactOn ? formatDate(lead.nextContactOn) : "Pas de relance prévue",
      overdue: isContactOverdue(lead),
      createdAt: formatDateTime(lead.createdAt),
      updatedAt: formatDateTime(lead.updatedAt),
      version: lead.updatedAt.toISOString(),
      form: {
        status: lead.status,
        assigneeId: lead.assigneeId ?? "",
        nextContactOn: lead.nextContactOn ?? "",
        valueHt: lead.valueHtCents === null ? "" : formatEurosInput(lead.valueHtCents),
      },
    },
    salesPeople,
    order: order
      ? {
          reference: order.reference,
          status: orderStatusLabels[order.status],
          trainees: formatNumber(order.trainees),
          sites: formatNumber(order.sites),
          totalHt: order.totalHtCents === null ? "Sur devis" : formatEuros(order.totalHtCents),
          totalTtc: order.totalTtcCents === null ? "—" : formatEuros(order.totalTtcCents),
          payment: order.paymentPath ? paymentLabels[order.paymentPath] : "Pas encore choisi",
          billingContact: `${order.billingContactName} (${order.billingContactEmail})`,
          purchaseOrderNumber: order.purchaseOrderNumber,
          message: order.message,
          createdAt: formatDateTime(order.createdAt),
          paidAt: order.paidAt ? formatDate(order.paidAt) : null,
          cancelledAt: order.cancelledAt ? formatDate(order.cancelledAt) : null,
        }
      : null,
    notes: notes.map((note) => ({ id: note.id, body: note.body, at: formatDateTime(note.createdAt), author: note.authorName ?? note.authorEmail ?? "Ancien membre de l’équipe" })),
    history: history.map((entry) => ({
      id: entry.id,
      at: formatDateTime(entry.createdAt),
      actor: entry.actorName ?? entry.actorEmail ?? "Système",
      lines: describeLeadAudit(entry, names),
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin", "sales"]);
  const id = leadId(params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: leadUpdateSchema });
    if (submission.status !== "success") return { form: "update" as const, result: submission.reply(), notice: null };
    const outcome = await updateLead(user.id, id, changeOfForm(submission.value));
    if (!outcome) throw new Response("Prospect introuvable", { status: 404 });
    if (!outcome.ok) return { form: "update" as const, result: submission.reply({ fieldErrors: { [outcome.field ?? "status"]: [outcome.message] } }), notice: null };
    return { form: "update" as const, result: submission.reply(), notice: { tone: outcome.changed ? ("success" as const) : ("info" as const), message: outcome.message } };
  }
  if (intent === "note") {
    const submission = parseWithZod(formData, { schema: leadNoteSchema });
    if (submission.status !== "success") return { form: "note" as const, result: submission.reply(), notice: null };
    const outcome = await addLeadNote(user.id, id, submission.value.body);
    if (!outcome) throw new Response("Prospect introuvable", { status: 404 });
    if (!outcome.ok) return { form: "note" as const, result: submission.reply({ fieldErrors: { body: [outcome.message] } }), notice: null };
    return { form: "note" as const, result: submission.reply({ resetForm: true }), notice: { tone: "success" as const, message: outcome.message } };
  }
  return { form: null, result: undefined, notice: { tone: "error" as const, message: "Action inconnue." } };
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function LeadForm({ lead, salesPeople, lastResult }: { lead: Loaded["lead"]; salesPeople: Loaded["salesPeople"]; lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "suivi",
    lastResult,
    constraint: getZodConstraint(leadUpdateSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: leadUpdateSchema }),
    defaultValue: lead.form,
  });
  const statuses = [lead.status, ...nextLeadStatuses(lead.status)];
  const { key: statusKey, ...statusProps } = getSelectProps(fields.status);
  const { key: assigneeKey, ...assigneeProps } = getSelectProps(fields.assigneeId);
  return (
    <Form method="post" className="stack stack-sm" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="update" />
      <FormMessage errors={form.errors} id={form.errorId} />
      <div className="grid">
        <div className="field">
          <label htmlFor={fields.status.id}>Statut</label>
          <select key={statusKey} {...statusProps}>
            {leadStatuses
              .filter((code) => statuses.includes(code))
              .map((code) => (
                <option key={code} value={code}>
                  {leadStatusLabels[code]}
                </option>
              ))}
          </select>
          <FieldErrors id={fields.status.errorId} errors={fields.status.errors} />
        </div>
        <div className="field">
          <label htmlFor={fields.assigneeId.id}>Commercial</label>
          <select key={assigneeKey} {...assigneeProps}>
            <option value="">Non attribué</option>
            {salesPeople.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name ?? person.email}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.assigneeId.errorId} errors={fields.assigneeId.errors} />
        </div>
        <Field meta={fields.nextContactOn} label="Prochain contact" type="date" hint="Laissez vide s’il n’y a pas de relance prévue." />
        <Field meta={fields.valueHt} label="Valeur HT (en euros)" hint="Par exemple 1 250 ou 1 250,50 ; vide si le montant n’est pas connu." inputProps={{ inputMode: "decimal" }} />
      </div>
      <p>
        <button className="btn" type="submit">
          Enregistrer le suivi
        </button>
      </p>
    </Form>
  );
}

function NoteForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "note",
    lastResult,
    constraint: getZodConstraint(leadNoteSchema),
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: leadNoteSchema }),
  });
  const { key, ...props } = getTextareaProps(fields.body);
  return (
    <Form method="post" className="stack stack-sm" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="note" />
      <div className="field">
        <label htmlFor={fields.body.id}>Nouvelle note</label>
        <p id={`${fields.body.id}-aide`} className="field-hint">
          2 000 caractères au plus. Une note ne se modifie plus une fois ajoutée.
        </p>
        <textarea key={key} {...props} aria-describedby={[`${fields.body.id}-aide`, props["aria-describedby"]].filter(Boolean).join(" ")} rows={4} />
        <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
      </div>
      <p>
        <button className="btn btn-secondary" type="submit">
          Ajouter la note
        </button>
      </p>
    </Form>
  );
}

export default function LeadPage() {
  const { lead, salesPeople, order, notes, history } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <div className="stack">
      <p>
        <Link to="/admin/prospects">Retour aux prospects</Link>
      </p>
      <h1>{lead.title}</h1>
      <p>
        Structure : <Link to={`/admin/structures/${lead.tenantSlug}`}>{lead.tenantName}</Link>
        {lead.offerTitle ? <> · Offre : {lead.offerTitle}</> : null}
      </p>
      {outcome?.notice ? <Notice tone={outcome.notice.tone}>{outcome.notice.message}</Notice> : null}
      <dl className="definition-list">
        <div>
          <dt>Statut</dt>
          <dd>
            <span className={`badge badge-${leadStatusTones[lead.status]}`}>{leadStatusLabels[lead.status]}</span>
          </dd>
        </div>
        <div>
          <dt>Commercial</dt>
          <dd>{lead.assignee}</dd>
        </div>
        <div>
          <dt>Valeur</dt>
          <dd>{lead.value}</dd>
        </div>
        <div>
          <dt>Prochain contact</dt>
          <dd>
            {lead.nextContact}
            {lead.overdue ? <span className="badge badge-error"> En retard</span> : null}
          </dd>
        </div>
        <div>
          <dt>Ouvert le</dt>
          <dd>{lead.createdAt}</dd>
        </div>
        <div>
          <dt>Dernière mise à jour</dt>
          <dd>{lead.updatedAt}</dd>
        </div>
      </dl>

      <section className="card stack" aria-labelledby="titre-suivi">
        <h2 id="titre-suivi">Suivi commercial</h2>
        <LeadForm key={lead.version} lead={lead} salesPeople={salesPeople} lastResult={outcome?.form === "update" ? outcome.result : undefined} />
      </section>

      <section className="stack" aria-labelledby="titre-demande">
        <h2 id="titre-demande">Demande de la structure</h2>
        {order ? (
          <dl className="definition-list">
            <div>
              <dt>Référence</dt>
              <dd>{order.reference}</dd>
            </div>
            <div>
              <dt>État</dt>
              <dd>
                {order.status}
                {order.paidAt ? ` le ${order.paidAt}` : order.cancelledAt ? ` le ${order.cancelledAt}` : ""}
              </dd>
            </div>
            <div>
              <dt>Reçue le</dt>
              <dd>{order.createdAt}</dd>
            </div>
            <div>
              <dt>Participants / sites</dt>
              <dd>
                {order.trainees} / {order.sites}
              </dd>
            </div>
            <div>
              <dt>Montant</dt>
              <dd>
                {order.totalHt} HT{order.totalTtc !== "—" ? ` (${order.totalTtc} TTC)` : ""}
              </dd>
            </div>
            <div>
              <dt>Paiement</dt>
              <dd>{order.payment}</dd>
            </div>
            <div>
              <dt>Contact de facturation</dt>
              <dd>{order.billingContact}</dd>
            </div>
            {order.purchaseOrderNumber ? (
              <div>
                <dt>Bon de commande</dt>
                <dd>{order.purchaseOrderNumber}</dd>
              </div>
            ) : null}
            {order.message ? (
              <div>
                <dt>Message de la structure</dt>
                <dd>{order.message}</dd>
              </div>
            ) : null}
          </dl>
        ) : (
          <p>Aucune commande ni demande de devis en ligne : prospect suivi directement par l’équipe commerciale.</p>
        )}
      </section>

      <section className="stack" aria-labelledby="titre-notes">
        <h2 id="titre-notes">Notes ({formatNumber(notes.length)})</h2>
        {notes.length === 0 ? <p>Aucune note pour l’instant.</p> : null}
        <ul className="stack stack-sm">
          {notes.map((note) => (
            <li key={note.id} className="card stack stack-sm">
              <p className="muted">
                {note.author}, le {note.at}
              </p>
              {note.body.split("\n").map((line, index) => (
                <p key={index}>{line}</p>
              ))}
            </li>
          ))}
        </ul>
        <NoteForm lastResult={outcome?.form === "note" ? outcome.result : undefined} />
      </section>

      <section className="stack" aria-labelledby="titre-historique">
        <h2 id="titre-historique">Historique</h2>
        {history.length === 0 ? (
          <p>Aucune modification enregistrée.</p>
        ) : (
          <ol className="stack stack-sm">
            {history.map((entry) => (
              <li key={entry.id}>
                <p className="muted">
                  {entry.at} — {entry.actor}
                </p>
                <ul>
                  {entry.lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
