import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "~/utils/zod";
import { pageHref, Pagination, PracticeCard, PracticeSearchForm, searchValuesOf, type PracticeCardData } from "~/components/practices";
import { Notice } from "~/components/ui/field";
import { addBookmark, listBookmarks, presentCards, recommendations, removeBookmark, searchPractices } from "~/modules/practices/practices.server";
import { requireMembership } from "~/modules/tenancy/guard.server";
import { formatScore } from "~/utils/format";

export const meta: MetaFunction = () => [{ title: "Bonnes pratiques | Mon espace | Baromètre Expérience Citoyen" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "results.read");
  const { page, ...values } = searchValuesOf(new URL(request.url));
  const [result, recommended, bookmarks] = await Promise.all([
    searchPractices({ query: values.q, filters: values, page }),
    recommendations(ctx),
    listBookmarks(ctx),
  ]);
  return {
    slug: ctx.tenant.slug,
    values,
    page: result.page,
    pageCount: result.pageCount,
    total: result.total,
    practices: presentCards(result.practices),
    weakest: recommended.weakest.map((d) => ({ code: d.code, label: d.label, score: d.score === null ? null : formatScore(d.score) })),
    recommended: presentCards(recommended.practices),
    bookmarks: presentCards(bookmarks),
  };
}

const bookmarkSchema = z.object({ intent: z.enum(["bookmark", "unbookmark"]), practiceId: z.uuid() });

/** Bookmarks are personal: every member may keep some, viewers included. */
export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireMembership(request, params.tenant, "tenant.read");
  const parsed = bookmarkSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return { tone: "error" as const, message: "Demande incomprise." };
  if (parsed.data.intent === "unbookmark") {
    await removeBookmark(ctx, parsed.data.practiceId);
    return { tone: "success" as const, message: "Retirée de vos favoris." };
  }
  if (!(await addBookmark(ctx, parsed.data.practiceId))) throw new Response("Bonne pratique introuvable", { status: 404 });
  return { tone: "success" as const, message: "Ajoutée à vos favoris." };
}

function BookmarkButton({ practice, bookmarked }: { practice: PracticeCardData; bookmarked: boolean }) {
  return (
    <Form method="post" preventScrollReset>
      <input type="hidden" name="practiceId" value={practice.id} />
      <button type="submit" name="intent" value={bookmarked ? "unbookmark" : "bookmark"} className="btn-secondary btn-small">
        {bookmarked ? "Retirer des favoris" : "Ajouter aux favoris"}
        <span className="visually-hidden"> : {practice.title}</span>
      </button>
    </Form>
  );
}

function CardList({ practices, bookmarked, label }: { practices: PracticeCardData[]; bookmarked: Set<string>; label: string }) {
  return (
    <ol className="stack practice-list" aria-label={label}>
      {practices.map((practice) => (
        <li key={practice.id}>
          <PracticeCard practice={practice} headingLevel={3} actions={<BookmarkButton practice={practice} bookmarked={bookmarked.has(practice.id)} />} />
        </li>
      ))}
    </ol>
  );
}

export default function TenantPractices() {
  const { slug, values, page, pageCount, total, practices, weakest, recommended, bookmarks } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const bookmarked = new Set(bookmarks.map((b) => b.id));
  const base = `/t/${slug}/bonnes-pratiques`;
  return (
    <div className="stack stack-lg">
      <h1>Bonnes pratiques</h1>
      {actionData ? <Notice tone={actionData.tone}>{actionData.message}</Notice> : null}
      <section className="stack" aria-labelledby="titre-recommandees">
        <h2 id="titre-recommandees">Recommandées pour vous</h2>
        {weakest.length > 0 ? (
          <>
            <p>
              D'après vos derniers résultats, vos déterminants les plus faibles sont :{" "}
              {weakest.map((d, index) => (
                <span key={d.code}>
                  {index > 0 ? ", " : ""}
                  {d.label}
                  {d.score ? ` (${d.score})` : ""}
                </span>
              ))}
              .
            </p>
            {recommended.length > 0 ? <CardList practices={recommended} bookmarked={bookmarked} label="Bonnes pratiques recommandées" /> : <p>Aucune bonne pratique publiée ne porte encore sur ces déterminants.</p>}
          </>
        ) : (
          <p>
            Les recommandations s'appuient sur vos résultats publiés. Dès qu'ils sont disponibles, nous vous proposons les bonnes pratiques qui portent sur vos
            points faibles.
          </p>
        )}
      </section>
      <section className="stack" aria-labelledby="titre-favoris">
        <h2 id="titre-favoris">Mes favoris</h2>
        {bookmarks.length > 0 ? (
          <CardList practices={bookmarks} bookmarked={bookmarked} label="Mes bonnes pratiques favorites" />
        ) : (
          <p>Vous n'avez pas encore de favori. Ajoutez une bonne pratique pour la retrouver ici ; vos favoris ne sont visibles que par vous.</p>
        )}
      </section>
      <section className="stack" aria-labelledby="titre-toutes">
        <h2 id="titre-toutes">Toutes les bonnes pratiques ({total})</h2>
        <p>
          <Link to="/bonnes-pratiques/abonnement">Recevoir la bonne pratique de la semaine par e-mail</Link>
        </p>
        <PracticeSearchForm values={values} action={base} />
        {practices.length === 0 ? <p>Aucune bonne pratique ne correspond à votre recherche.</p> : null}
        <CardList practices={practices} bookmarked={bookmarked} label="Résultats de la recherche" />
        <Pagination page={page} pageCount={pageCount} hrefFor={(n) => pageHref(base, values, n)} />
      </section>
    </div>
  );
}
