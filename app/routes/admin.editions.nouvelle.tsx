import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EditionForm } from "~/components/editions";
import { requireStaff } from "~/modules/auth/guards.server";
import { createEdition, newEditionProposal } from "~/modules/editions/admin.server";
import { editionFormDefaults, editionSchema } from "~/modules/editions/edition-schema";

export const meta: MetaFunction = () => [{ title: "Créer une édition | Back-office | Baromètre Expérience Citoyen" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request, ["admin"]);
  return { defaultValue: editionFormDefaults(await newEditionProposal()) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireStaff(request, ["admin"]);
  const submission = parseWithZod(await request.formData(), { schema: editionSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const outcome = await createEdition(user.id, submission.value);
  if (!outcome.ok) return { result: submission.reply({ fieldErrors: outcome.fieldErrors }) };
  return redirect(`/admin/editions/${outcome.edition.year}?message=creee`);
}

export default function NewEdition() {
  const { defaultValue } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <p>
        <Link to="/admin/editions">Retour aux éditions</Link>
      </p>
      <h1>Créer une édition</h1>
      <p className="muted">
        Le plan d'audit et les tarifs reprennent ceux de la dernière édition. L'édition est créée en brouillon : les inscriptions s'ouvrent quand vous le
        décidez.
      </p>
      <EditionForm id="nouvelle-edition" defaultValue={defaultValue} lastResult={actionData?.result} submitLabel="Créer l'édition" />
    </div>
  );
}
