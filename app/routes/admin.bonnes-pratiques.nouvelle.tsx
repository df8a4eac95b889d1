import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PracticeForm } from "~/components/practice-form";
import { PracticePreview } from "~/components/practices";
import { requireStaff } from "~/modules/auth/guards.server";
import { renderPracticeMarkdown } from "~/modules/practices/markdown";
import { practiceSchema } from "~/modules/practices/practice-schema";
import { createPractice, practiceFormDefaults } from "~/modules/practices/practices.server";

export const meta: MetaFunction = () => [{ title: "Rédiger une bonne pratique | Back-office | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin"]);
  return practiceFormDefaults(null);
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: practiceSchema });
  if (submission.status !== "success") return { result: submission.reply(), preview: null };
  if (formData.get("intent") === "preview") return { result: submission.reply(), preview: { title: submission.value.title, html: renderPracticeMarkdown(submission.value.body) } };
  const outcome = await createPractice(user.id, submission.value);
  if (!outcome.ok) return { result: submission.reply({ fieldErrors: outcome.fieldErrors }), preview: null };
  return redirect(`/admin/bonnes-pratiques?message=${encodeURIComponent(outcome.message)}`);
}

export default function NewPractice() {
  const { defaultValue, proposedDate } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <p>
        <Link to="/admin/bonnes-pratiques">Retour aux bonnes pratiques</Link>
      </p>
      <h1>Rédiger une bonne pratique</h1>
      {actionData?.preview ? <PracticePreview title={actionData.preview.title} html={actionData.preview.html} /> : null}
      <PracticeForm id="nouvelle-pratique" defaultValue={defaultValue} lastResult={actionData?.result} numberLocked={false} proposedDate={proposedDate} />
    </div>
  );
}
