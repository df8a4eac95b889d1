import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { OfferForm, SessionForm } from "~/components/offer-form";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { addTrainingSession, deleteOffer, getOfferForStaff, setOfferActive, updateOffer, updateTrainingSession } from "~/modules/offers/catalogue-admin.server";
import { offerFormDefaults, offerKindLabels, offerSchema, priceLabel, sessionEditSchema, sessionFormDefaults, sessionSchema } from "~/modules/offers/catalogue-schema";
import { formatDate, formatDateTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.offer.title ?? "Offre"} | Back-office | Baromètre Expérience Citoyen` }];

async function offerOr404(code: string | undefined) {
  const found = await getOfferForStaff(code ?? "");
  if (!found) throw new Response("Offre introuvable", { status: 404 });
  return found;
}

/** Notices after a redirect (Post/Redirect/Get), keyed by a word in the URL. */
const savedMessages: Record<string, string> = {
  creee: "Offre créée.",
  enregistree: "Modifications enregistrées.",
};

const parisDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });
const period = (startsOn: string, endsOn: string) => (startsOn === endsOn ? formatDate(startsOn) : `du ${formatDate(startsOn)} au ${formatDate(endsOn)}`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { roles } = await requireStaff(request, ["admin", "sales"]);
  const { offer, sessions, orderCount } = await offerOr404(params.code);
  const today = parisDay.format(new Date());
  const message = new URL(request.url).searchParams.get("message");
  return {
    canEdit: roles.includes("admin"),
    offer: {
      code: offer.code,
      title: offer.title,
      kind: offer.kind,
      kindLabel: offerKindLabels[offer.kind],
      price: priceLabel(offer.priceHtCents),
      active: offer.active,
      updatedAt: formatDateTime(offer.updatedAt),
    },
    orderCount,
    formVersion: `${offer.id}-${offer.updatedAt.getTime()}`,
    defaultValue: offerFormDefaults(offer),
    sessions: sessions.map((s) => ({
      id: s.id,
      period: period(s.startsOn, s.endsOn),
      place: s.place,
      seats: s.seats,
      seatsTaken: s.seatsTaken,
      seatsLeft: s.seats - s.seatsTaken,
      past: s.startsOn < today,
      version: [s.startsOn, s.endsOn, s.place, s.remote, s.seats, s.seatsTaken].join("|"),
      defaultValue: sessionFormDefaults(s),
    })),
    saved: message ? (savedMessages[message] ?? null) : null,
  };
}

type NoticeData = { tone: "success" | "error"; message: string };

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  const { offer } = await offerOr404(params.code);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const notice = (outcome: { ok: boolean; message: string }): NoticeData => ({ tone: outcome.ok ? "success" : "error", message: outcome.message });

  if (intent === "deactivate" || intent === "reactivate") {
    const outcome = await setOfferActive(user.id, offer.code, intent === "reactivate");
    if (!outcome) throw new Response("Offre introuvable", { status: 404 });
    return { form: null, result: undefined, notice: notice(outcome) };
  }
  if (intent === "delete") {
    if (formData.get("confirm") !== "on") return { form: null, result: undefined, notice: { tone: "error", message: "Cochez la case de confirmation pour supprimer l'offre." } satisfies NoticeData };
    const outcome = await deleteOffer(user.id, offer.code);
    if (!outcome) throw new Response("Offre introuvable", { status: 404 });
    if (outcome.ok) return redirect("/admin/offres");
    return { form: null, result: undefined, notice: notice(outcome) };
  }
  if (intent === "save") {
    const submission = parseWithZod(formData, { schema: offerSchema });
    if (submission.status !== "success") return { form: "offer", result: submission.reply(), notice: null };
    const outcome = await updateOffer(user.id, offer.code, submission.value);
    if (!outcome) throw new Response("Offre introuvable", { status: 404 });
    if (!outcome.ok) return { form: "offer", result: submission.reply({ fieldErrors: outcome.fieldErrors }), notice: null };
    return redirect(`/admin/offres/${offer.code}?message=enregistree`);
  }
  if (intent === "add-session") {
    if (offer.kind !== "formation") return { form: null, result: undefined, notice: { tone: "error", message: "Seules les formations ont des sessions datées." } satisfies NoticeData };
    const submission = parseWithZod(formData, { schema: sessionSchema });
    if (submission.status !== "success") return { form: "new-session", result: submission.reply(), notice: null };
    const outcome = await addTrainingSession(user.id, offer.code, submission.value);
    if (!outcome) throw new Response("Offre introuvable", { status: 404 });
    if (!outcome.ok) return { form: "new-session", result: submission.reply({ fieldErrors: outcome.fieldErrors }), notice: null };
    return { form: "new-session", result: submission.reply({ resetForm: true }), notice: notice(outcome) };
  }
  if (intent === "edit-session") {
    const sessionId = String(formData.get("sessionId") ?? "");
    const submission = parseWithZod(formData, { schema: sessionEditSchema });
    if (submission.status !== "success") return { form: `session-${sessionId}`, result: submission.reply(), notice: null };
    const outcome = await updateTrainingSession(user.id, offer.code, submission.value.sessionId, submission.value);
    if (!outcome) throw new Response("Session introuvable", { status: 404 });
    if (!outcome.ok) return { form: `session-${sessionId}`, result: submission.reply({ fieldErrors: outcome.fieldErrors }), notice: null };
    return { form: null, result: undefined, notice: notice(outcome) };
  }
  return { form: null, result: undefined, notice: { tone: "error", message: "Action inconnue." } satisfies NoticeData };
}

export default function AdminOffer() {
  const { offer, orderCount, formVersion, defaultValue, sessions, saved, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const notice = actionData?.notice ?? (saved ? { tone: "success" as const, message: saved } : null);
  const resultFor = (form: string) => (actionData?.form === form ? actionData.result : undefined);
  const isTraining = offer.kind === "formation";
  return (
    <div className="stack">
      <p>
        <Link to="/admin/offres">Retour au catalogue</Link>
      </p>
      <h1>{offer.title}</h1>
      <div aria-live="polite">{notice ? <Notice tone={notice.tone}>{notice.message}</Notice> : null}</div>
      <section className="card stack stack-sm" aria-labelledby="titre-statut">
        <h2 id="titre-statut">Statut</h2>
        <p>
          {offer.active ? <span className="badge badge-success">Active</span> : <span className="badge badge-neutral">Inactive</span>} {offer.kindLabel} · {offer.price} · code{" "}
          <code>{offer.code}</code> <span className="muted">(modifiée le {offer.updatedAt})</span>
        </p>
        <p>{orderCount === 0 ? "Aucune commande ni demande de devis." : orderCount === 1 ? "1 commande ou demande de devis." : `${orderCount} commandes ou demandes de devis.`}</p>
        {canEdit ? (
          <>
            <Form method="post" className="cluster">
              {offer.active ? (
                <button className="btn btn-secondary" type="submit" name="intent" value="deactivate">
                  Désactiver l'offre
                </button>
              ) : (
                <button className="btn" type="submit" name="intent" value="reactivate">
                  Réactiver l'offre
                </button>
              )}
            </Form>
            {orderCount === 0 ? (
              <Form method="post" className="cluster">
                <input type="hidden" name="intent" value="delete" />
                <div className="checkbox">
                  <input type="checkbox" id="confirmer-suppression" name="confirm" value="on" required />
                  <label htmlFor="confirmer-suppression">Je confirme la suppression définitive de cette offre et de ses sessions</label>
                </div>
                <button className="btn btn-tertiary" type="submit">
                  Supprimer l'offre
                </button>
              </Form>
            ) : null}
            <p className="field-hint">
              Une offre désactivée n'apparaît plus dans le catalogue des structures ni dans leurs recommandations. Une offre déjà commandée ne peut pas être supprimée.
            </p>
          </>
        ) : null}
      </section>

      {isTraining || sessions.length > 0 ? (
        <section className="stack" aria-labelledby="titre-sessions">
          <h2 id="titre-sessions">Sessions</h2>
          {sessions.length === 0 ? (
            <p>Aucune session programmée.</p>
          ) : (
            <div className="table-wrapper" tabIndex={0} role="region" aria-labelledby="legende-sessions">
              <table className="table">
                <caption id="legende-sessions">Sessions de la formation ({sessions.length}), par date</caption>
                <thead>
                  <tr>
                    <th scope="col">Dates</th>
                    <th scope="col">Lieu</th>
                    <th scope="col" className="numeric">
                      Places
                    </th>
                    <th scope="col" className="numeric">
                      Prises
                    </th>
                    <th scope="col" className="numeric">
                      Restantes
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {sessions.map((s) => (
                    <tr key={s.id}>
                      <th scope="row">
                        {s.period}
                        {s.past ? <span className="muted"> (passée)</span> : null}
                      </th>
                      <td>{s.place}</td>
                      <td className="numeric">{s.seats}</td>
                      <td className="numeric">{s.seatsTaken}</td>
                      <td className="numeric">{s.seatsLeft === 0 ? "Complet" : s.seatsLeft}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {canEdit ? (
            <>
              {sessions.map((s) => (
                <details key={s.id} open={actionData?.form === `session-${s.id}`}>
                  <summary>
                    Modifier la session {s.period} ({s.place})
                  </summary>
                  <SessionForm
                    // A new key after a change: the form starts again from the saved values.
                    key={`${s.id}-${s.version}`}
                    id={`session-${s.id}`}
                    intent="edit-session"
                    defaultValue={s.defaultValue}
                    lastResult={resultFor(`session-${s.id}`)}
                    submitLabel="Enregistrer la session"
                    legend={`Session ${s.period} : ${s.seatsTaken} place(s) déjà prise(s)`}
                  />
                </details>
              ))}
              {isTraining ? (
                <SessionForm id="nouvelle-session" intent="add-session" defaultValue={{ seats: "12" }} lastResult={resultFor("new-session")} submitLabel="Ajouter la session" legend="Nouvelle session" />
              ) : null}
            </>
          ) : null}
        </section>
      ) : null}

      {canEdit ? (
        <section className="stack" aria-labelledby="titre-modifier">
          <h2 id="titre-modifier">Modifier l'offre</h2>
          <OfferForm id={`offre-${formVersion}`} intent="save" defaultValue={defaultValue} lastResult={resultFor("offer")} codeLocked submitLabel="Enregistrer les modifications" />
        </section>
      ) : (
        <p className="muted">Lecture seule : seuls les administrateurs modifient le catalogue.</p>
      )}
    </div>
  );
}
