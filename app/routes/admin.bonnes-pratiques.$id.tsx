import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PracticeForm } from "~/components/practice-form";
import { PracticePreview } from "~/components/practices";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { renderPracticeMarkdown } from "~/modules/practices/markdown";
import { practiceSchema } from "~/modules/practices/practice-schema";
import { getPracticeForStaff, practiceFormDefaults, statusOf, updatePractice } from "~/modules/practices/practices.server";
import { practicePath, practiceStatusLabels } from "~/modules/practices/search";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Bonne pratique n° ${data?.number ?? ""} | Back-office | Baromètre Expérience Citoyen` },
];

async function practiceOr404(id: string | undefined) {
  const practice = await getPracticeForStaff(id ?? "");
  if (!practice) throw new Response("Bonne pratique introuvable", { status: 404 });
  return practice;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin"]);
  const practice = await practiceOr404(params.id);
  const status = statusOf(practice, new Date());
  return {
    number: practice.number,
    status,
    path: practicePath(practice),
    html: renderPracticeMarkdown(practice.body),
    ...(await practiceFormDefaults(practice)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  const practice = await practiceOr404(params.id);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: practiceSchema });
  if (submission.status !== "success") return { result: submission.reply(), preview: null, notice: null };
  if (formData.get("intent") === "preview")
    return { result: submission.reply(), preview: { title: submission.value.title, html: renderPracticeMarkdown(submission.value.body) }, notice: null };
  const outcome = await updatePractice(user.id, practice.id, submission.value);
  if (!outcome) throw new Response("Bonne pratique introuvable", { status: 404 });
  if (!outcome.ok) return { result: submission.reply({ fieldErrors: outcome.fieldErrors }), preview: null, notice: null };
  return { result: submission.reply(), preview: null, notice: outcome.message };
}

export default function EditPractice() {
  const { number, status, path, html, defaultValue, proposedDate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const preview = actionData?.preview ?? { title: defaultValue.title, html };
  return (
    <div className="stack">
      <p>
        <Link to="/admin/bonnes-pratiques">Retour aux bonnes pratiques</Link>
      </p>
      <h1>
        Bonne pratique n° {number} <span className="badge badge-neutral">{practiceStatusLabels[status]}</span>
      </h1>
      {status === "publiee" ? (
        <p>
          En ligne : <Link to={path}>{path}</Link>
        </p>
      ) : null}
      {actionData?.notice ? <Notice>{actionData.notice}</Notice> : null}
      <details open={Boolean(actionData?.preview)}>
        <summary>Aperçu</summary>
        <PracticePreview title={preview.title} html={preview.html} />
      </details>
      <PracticeForm id={`pratique-${number}`} defaultValue={defaultValue} lastResult={actionData?.result} numberLocked proposedDate={proposedDate} />
    </div>
  );
}
