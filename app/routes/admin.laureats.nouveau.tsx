import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { LaureateForm } from "~/components/laureate-form";
import { LaureateArticle } from "~/components/laureates";
import { requireStaff } from "~/modules/auth/guards.server";
import { laureateSchema } from "~/modules/public/laureate-schema";
import { createLaureate, laureateFormDefaults, laureateFormOptions, previewLaureate } from "~/modules/public/laureates-admin.server";

export const meta: MetaFunction = () => [{ title: "Ajouter un lauréat | Back-office | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin"]);
  return { defaultValue: laureateFormDefaults(null), options: await laureateFormOptions() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: laureateSchema });
  if (submission.status !== "success") return { result: submission.reply(), preview: null };
  if (formData.get("intent") === "preview") return { result: submission.reply(), preview: await previewLaureate(submission.value) };
  const outcome = await createLaureate(user.id, submission.value);
  if (!outcome.ok) return { result: submission.reply({ fieldErrors: outcome.fieldErrors }), preview: null };
  return redirect(`/admin/laureats/${outcome.id}?message=${encodeURIComponent(outcome.message)}`);
}

export default function NewLaureate() {
  const { defaultValue, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <p>
        <Link to="/admin/laureats">Retour aux lauréats</Link>
      </p>
      <h1>Ajouter un lauréat</h1>
      <p>Le lauréat est enregistré comme brouillon : il n'apparaît sur les pages publiques qu'une fois publié.</p>
      {actionData?.preview ? (
        <section className="card stack" aria-labelledby="apercu">
          <h2 id="apercu">Aperçu de la page {actionData.preview.url} (rien n'est enregistré)</h2>
          <LaureateArticle laureate={actionData.preview} preview />
        </section>
      ) : null}
      <LaureateForm id="nouveau-laureat" defaultValue={defaultValue} lastResult={actionData?.result} options={options} />
    </div>
  );
}
