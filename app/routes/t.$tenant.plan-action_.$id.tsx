import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { ActionForm } from "~/components/action-form";
import { FieldErrors, Notice } from "~/components/ui/field";
import { addComment, assignableMembers, deleteAction, getAction, updateAction } from "~/modules/action-plan/action-plan.server";
import { actionSchema, actionStatusLabels, commentSchema, priorityLabels } from "~/modules/action-plan/rules";
import { channelLabels } from "~/modules/editions/audit-plan";
import { practicesForAction } from "~/modules/practices/practices.server";
import { practicePath } from "~/modules/practices/search";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { can } from "~/modules/tenancy/permissions";
import { formatDate, formatDateTime, formatScore } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.action.title ?? "Action"} | Plan d'action | Baromètre Expérience Citoyen` }];

/** An action id from the URL: anything but a UUID is simply not found. */
function actionId(params: LoaderFunctionArgs["params"]) {
  const parsed = z.uuid().safeParse(params.id);
  if (!parsed.success) throw new Response("Action introuvable", { status: 404 });
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "results.read");
  const canWrite = can(ctx.role, "actions.write");
  const [action, members] = await Promise.all([getAction(ctx, actionId(params)), canWrite ? assignableMembers(ctx) : []]);
  if (!action) throw new Response("Action introuvable", { status: 404 });
  return {
    slug: ctx.tenant.slug,
    canWrite,
    members,
    practices: await practicesForAction(action),
    action: {
      ...action,
      dueOnLabel: action.dueOn ? formatDate(action.dueOn) : null,
      comments: action.comments.map((c) => ({ ...c, createdAt: formatDateTime(c.createdAt), author: c.authorName ?? c.authorEmail ?? "Ancien membre" })),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "actions.write");
  const id = actionId(params);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "update") {
    const submission = parseWithZod(formData, { schema: actionSchema });
    if (submission.status !== "success") return { form: "update", result: submission.reply(), notice: null };
    const outcome = await updateAction(ctx, id, submission.value);
    if (!outcome) throw new Response("Action introuvable", { status: 404 });
    if (!outcome.ok) return { form: "update", result: submission.reply({ fieldErrors: { [outcome.field ?? "title"]: [outcome.message] } }), notice: null };
    return { form: "update", result: submission.reply(), notice: { tone: "success" as const, message: outcome.message } };
  }
  if (intent === "comment") {
    const submission = parseWithZod(formData, { schema: commentSchema });
    if (submission.status !== "success") return { form: "comment", result: submission.reply(), notice: null };
    if (!(await addComment(ctx, id, submission.value.body))) throw new Response("Action introuvable", { status: 404 });
    return { form: "comment", result: submission.reply({ resetForm: true }), notice: { tone: "success" as const, message: "Commentaire ajouté." } };
  }
  if (intent === "delete") {
    if (!(await deleteAction(ctx, id))) throw new Response("Action introuvable", { status: 404 });
    return redirect(`/t/${ctx.tenant.slug}/plan-action`);
  }
  return { form: null, result: undefined, notice: { tone: "error" as const, message: "Action inconnue." } };
}

function CommentForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const [form, fields] = useForm({
    id: "commentaire",
    lastResult,
    constraint: getZodConstraint(commentSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: commentSchema }),
  });
  const { key, ...props } = getTextareaProps(fields.body);
  return (
    <Form method="post" className="stack stack-sm" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="comment" />
      <div className="field">
        <label htmlFor={fields.body.id}>Votre commentaire</label>
        <textarea key={key} {...props} rows={3} />
        <FieldErrors id={fields.body.errorId} errors={fields.body.errors} />
      </div>
      <p>
        <button className="btn btn-secondary" type="submit">
          Commenter
        </button>
      </p>
    </Form>
  );
}

export default function ActionPage() {
  const { slug, canWrite, members, practices, action: item } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  return (
    <div className="stack">
      <p>
        <Link to={`/t/${slug}/plan-action`}>Retour au plan d'action</Link>
      </p>
      <h1>{item.title}</h1>
      {outcome?.notice ? <Notice tone={outcome.notice.tone}>{outcome.notice.message}</Notice> : null}
      <dl className="definition-list">
        <div>
          <dt>Statut</dt>
          <dd>{actionStatusLabels[item.status]}</dd>
        </div>
        <div>
          <dt>Priorité</dt>
          <dd>{priorityLabels[item.priority]}</dd>
        </div>
        <div>
          <dt>Responsable</dt>
          <dd>{item.ownerName ?? "Personne"}</dd>
        </div>
        <div>
          <dt>Échéance</dt>
          <dd>{item.dueOnLabel ?? "Aucune"}</dd>
        </div>
        <div>
          <dt>Canal visé</dt>
          <dd>{item.channel ? channelLabels[item.channel as keyof typeof channelLabels] : "Tous les canaux"}</dd>
        </div>
        <div>
          <dt>Origine</dt>
          <dd>
            {item.editionYear
              ? `Proposée par les résultats ${item.editionYear}${item.baselineScore !== null ? ` (score ${formatScore(item.baselineScore)} / 100)` : ""}`
              : "Ajoutée par la structure"}
          </dd>
        </div>
      </dl>
      {item.description ? (
        <section className="card stack stack-sm" aria-labelledby="titre-description">
          <h2 id="titre-description">Constats et objectif</h2>
          {item.description.split("\n").map((line, index) => (
            <p key={index}>{line}</p>
          ))}
        </section>
      ) : null}

      {practices.length > 0 ? (
        <section className="card stack stack-sm" aria-labelledby="titre-pratiques">
          <h2 id="titre-pratiques">Bonnes pratiques utiles</h2>
          <ul className="stack stack-sm">
            {practices.map((practice) => (
              <li key={practice.number}>
                <Link to={practicePath(practice)}>
                  Bonne pratique n° {practice.number} : {practice.title}
                </Link>
                <p className="muted">{practice.summary}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="stack" aria-labelledby="titre-commentaires">
        <h2 id="titre-commentaires">Commentaires ({item.comments.length})</h2>
        {item.comments.length === 0 ? <p className="muted">Aucun commentaire pour l'instant.</p> : null}
        <ol className="stack stack-sm">
          {item.comments.map((c) => (
            <li key={c.id} className="card">
              <p className="muted">
                {c.author}, le {c.createdAt}
              </p>
              <p>{c.body}</p>
            </li>
          ))}
        </ol>
        {canWrite ? <CommentForm lastResult={outcome?.form === "comment" ? outcome.result : undefined} /> : null}
      </section>

      {canWrite ? (
        <>
          <section className="card stack" aria-labelledby="titre-modifier">
            <h2 id="titre-modifier">Modifier l'action</h2>
            <ActionForm
              id="modifier-action"
              intent="update"
              submitLabel="Enregistrer"
              lastResult={outcome?.form === "update" ? outcome.result : undefined}
              members={members}
              defaultValue={item}
            />
          </section>
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <button className="btn btn-secondary btn-danger" type="submit">
              Supprimer l'action
            </button>
          </Form>
        </>
      ) : (
        <p className="muted">Votre rôle de lecteur permet de consulter le plan, sans le modifier.</p>
      )}
    </div>
  );
}
