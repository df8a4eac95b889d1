import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { LaureateForm } from "~/components/laureate-form";
import { LaureateArticle } from "~/components/laureates";
import { Notice } from "~/components/ui/field";
import { requireStaff } from "~/modules/auth/guards.server";
import { laureateSchema } from "~/modules/public/laureate-schema";
import { laureatePath } from "~/modules/public/laureates";
import {
  getLaureateForStaff,
  laureateFormDefaults,
  laureateFormOptions,
  previewLaureate,
  savedLaureateView,
  setLaureatePublished,
  updateLaureate,
} from "~/modules/public/laureates-admin.server";
import { formatDateTime } from "~/utils/format";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.name ?? "Lauréat"} | Lauréats | Back-office | Baromètre Expérience Citoyen` }];

async function laureateOr404(id: string | undefined) {
  const laureate = await getLaureateForStaff(id);
  if (!laureate) throw new Response("Lauréat introuvable", { status: 404 });
  return laureate;
}

/** Sales read the entry (its saved public page); admins edit, preview and publish it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { roles } = await requireStaff(request, ["admin", "sales"]);
  const laureate = await laureateOr404(params.id);
  const defaultValue = laureateFormDefaults(laureate);
  const options = await laureateFormOptions(laureate.linkedTenantId);
  return {
    canEdit: roles.includes("admin"),
    name: laureate.name,
    year: laureate.year,
    path: laureatePath(laureate),
    publishedAt: laureate.publishedAt ? formatDateTime(laureate.publishedAt) : null,
    saved: await savedLaureateView(laureate),
    defaultValue,
    options,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  const laureate = await laureateOr404(params.id);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "publish" || intent === "unpublish") {
    const outcome = await setLaureatePublished(user.id, laureate.id, intent === "publish");
    return { result: undefined, preview: null, notice: outcome?.message ?? null };
  }
  const submission = parseWithZod(formData, { schema: laureateSchema });
  if (submission.status !== "success") return { result: submission.reply(), preview: null, notice: null };
  if (intent === "preview") return { result: submission.reply(), preview: await previewLaureate(submission.value), notice: null };
  const outcome = await updateLaureate(user.id, laureate.id, submission.value);
  if (!outcome) throw new Response("Lauréat introuvable", { status: 404 });
  if (!outcome.ok) return { result: submission.reply({ fieldErrors: outcome.fieldErrors }), preview: null, notice: null };
  return { result: submission.reply(), preview: null, notice: outcome.message };
}

export default function EditLaureate() {
  const { canEdit, name, year, path, publishedAt, saved, defaultValue, options } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const notice = actionData?.notice ?? params.get("message");
  return (
    <div className="stack">
      <p>
        <Link to="/admin/laureats">Retour aux lauréats</Link>
      </p>
      <h1>
        {name} ({year}){" "}
        {publishedAt ? <span className="badge badge-success">Publié le {publishedAt}</span> : <span className="badge badge-neutral">Brouillon</span>}
      </h1>
      {notice ? <Notice>{notice}</Notice> : null}
      {publishedAt ? (
        <p>
          Page publique : <Link to={path}>{path}</Link>
        </p>
      ) : null}
      {canEdit ? (
        <Form method="post" className="cluster">
          {publishedAt ? (
            <button type="submit" name="intent" value="unpublish" className="btn-secondary">
              Retirer des pages publiques
            </button>
          ) : (
            <button type="submit" name="intent" value="publish" className="btn">
              Publier
            </button>
          )}
        </Form>
      ) : null}
      {actionData?.preview ? (
        <section className="card stack" aria-labelledby="apercu">
          <h2 id="apercu">Aperçu de la page {actionData.preview.url} (rien n'est enregistré)</h2>
          <LaureateArticle laureate={actionData.preview} preview />
        </section>
      ) : null}
      {canEdit ? (
        <LaureateForm id={`laureat-${year}-${defaultValue.slug}`} defaultValue={defaultValue} lastResult={actionData?.result} options={options} />
      ) : (
        <section className="card stack" aria-labelledby="fiche">
          <h2 id="fiche">Fiche enregistrée</h2>
          <LaureateArticle laureate={saved} preview />
        </section>
      )}
    </div>
  );
}
