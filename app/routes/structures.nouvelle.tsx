import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSubmit } from "@remix-run/react";
import { useRef } from "react";
import { z } from "~/utils/zod";
import { Field, FormMessage } from "~/components/ui/field";
import { requireVerifiedUser } from "~/modules/auth/guards.server";
import { isStructureKind, structureKindLabels, structureKinds } from "~/modules/tenancy/categories";
import { structureCreationView } from "~/modules/tenancy/creation.server";
import { createTenantSchema } from "~/modules/tenancy/schemas";
import { formatSiret } from "~/modules/tenancy/siret";
import { createTenant } from "~/modules/tenancy/tenants.server";
import { formatNumber } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Créer l'espace d'une structure | Baromètre Expérience Citoyen" }];

const searchSchema = z.object({
  type: z.string().optional(),
  q: z.string().trim().max(80).optional(),
  code: z.string().trim().max(20).optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireVerifiedUser(request);
  const params = searchSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const kind = isStructureKind(params.type) ? params.type : "commune";
  return { query: params.q ?? "", ...structureCreationView(kind, params.q ?? "", params.code ?? null) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireVerifiedUser(request);
  const submission = parseWithZod(await request.formData(), { schema: createTenantSchema });
  if (submission.status !== "success") return { result: submission.reply() };
  const outcome = await createTenant(user.id, submission.value);
  if (!outcome.ok) return { result: submission.reply({ fieldErrors: outcome.fieldErrors }) };
  return redirect(`/t/${outcome.tenant.slug}?bienvenue=1`);
}

export default function NewStructure() {
  const view = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const [form, fields] = useForm({
    // Picking a territory is a client-side navigation: a new id resets the form to the new suggestions.
    id: `structure-${view.kind}-${view.picked?.code ?? "aucun"}`,
    lastResult: actionData?.result,
    constraint: getZodConstraint(createTenantSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: createTenantSchema }),
    defaultValue: { kind: view.kind, territoryCode: view.picked?.code ?? "", name: view.suggestedName, slug: view.suggestedSlug },
  });
  const showForm = !view.needsTerritory || view.picked;
  return (
    <div className="container stack">
      <div className="page-header">
        <h1>Créer l'espace d'une structure</h1>
        <p className="lead">Les informations officielles (code INSEE, population légale, département, région) sont reprises du découpage administratif.</p>
      </div>

      <Form method="get" className="card stack" role="search" aria-label="Rechercher votre collectivité">
        <div className="field">
          <label htmlFor="type">Type de structure</label>
          <select id="type" name="type" defaultValue={view.kind} onChange={(event) => submit(event.currentTarget.form, { replace: true })}>
            {structureKinds.map((kind) => (
              <option key={kind} value={kind}>
                {structureKindLabels[kind]}
              </option>
            ))}
          </select>
        </div>
        {view.needsTerritory ? (
          <>
            <div className="field">
              <label htmlFor="q">Nom, code postal ou code officiel</label>
              <p className="field-hint" id="q-hint">
                Par exemple : Villeurbanne, 69100 ou 69266.
              </p>
              <input
                id="q"
                name="q"
                type="search"
                defaultValue={view.query}
                aria-describedby="q-hint"
                autoComplete="off"
                onChange={(event) => {
                  const formElement = event.currentTarget.form;
                  clearTimeout(timer.current);
                  timer.current = setTimeout(() => submit(formElement, { replace: true, preventScrollReset: true }), 250);
                }}
              />
            </div>
            <div className="cluster">
              <button className="btn btn-secondary" type="submit">
                Rechercher
              </button>
            </div>
          </>
        ) : (
          <noscript>
            <button className="btn btn-secondary" type="submit">
              Valider le type
            </button>
          </noscript>
        )}
      </Form>

      {view.needsTerritory && view.query && !view.picked ? (
        <section aria-labelledby="titre-resultats" className="stack">
          <h2 id="titre-resultats" aria-live="polite">
            {view.results.length === 0 ? "Aucun résultat" : `${view.results.length} résultat${view.results.length > 1 ? "s" : ""}`}
          </h2>
          <ul className="stack" role="list">
            {view.results.map((result) => (
              <li key={result.code}>
                <Link to={`?type=${view.kind}&q=${encodeURIComponent(view.query)}&code=${result.code}`}>
                  Choisir {result.name}
                  {result.departement ? ` (${result.departement})` : ""}
                </Link>
                {result.population !== null ? <span className="muted"> — {formatNumber(result.population)} habitants</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {showForm ? (
        <Form method="post" {...getFormProps(form)} className="card stack">
          <h2>Votre structure</h2>
          <FormMessage errors={form.errors} id={form.errorId} />
          <input type="hidden" name="kind" value={view.kind} />
          {view.picked ? (
            <>
              <input type="hidden" name="territoryCode" value={view.picked.code} />
              <dl className="definition-list">
                <div>
                  <dt>Collectivité</dt>
                  <dd>
                    {view.picked.name} ({view.kindLabel}, code {view.picked.code})
                  </dd>
                </div>
                {view.picked.population !== null ? (
                  <div>
                    <dt>Population légale</dt>
                    <dd>{formatNumber(view.picked.population)} habitants</dd>
                  </div>
                ) : null}
                {view.picked.departement ? (
                  <div>
                    <dt>Département</dt>
                    <dd>{view.picked.departement}</dd>
                  </div>
                ) : null}
                {view.picked.region ? (
                  <div>
                    <dt>Région</dt>
                    <dd>{view.picked.region}</dd>
                  </div>
                ) : null}
              </dl>
              {fields.territoryCode.errors ? <p className="field-error">{fields.territoryCode.errors[0]}</p> : null}
            </>
          ) : null}
          {view.category ? (
            <p>
              Catégorie du baromètre : <strong>{view.category.label}</strong>{" "}
              <span className="muted">(déterminée automatiquement ; seule l'équipe AFNOR peut la modifier)</span>
            </p>
          ) : null}
          <Field meta={fields.name} label="Nom de la structure" autoComplete="organization" />
          <Field
            meta={fields.siret}
            label="SIRET"
            inputProps={{ inputMode: "numeric" }}
            hint={
              view.picked?.siren
                ? `14 chiffres. Celui de la collectivité commence par son SIREN : ${formatSiret(view.picked.siren)}.`
                : "14 chiffres, indiqués sur l'avis de situation au répertoire SIRENE."
            }
          />
          <Field meta={fields.slug} label="Adresse de votre espace" hint="Lettres minuscules, chiffres et tirets ; elle apparaît dans l'adresse des pages (/t/…)." />
          <div className="cluster">
            <button className="btn" type="submit">
              Créer l'espace
            </button>
          </div>
        </Form>
      ) : null}
    </div>
  );
}
