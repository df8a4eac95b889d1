import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TagList } from "~/components/practices";
import { env } from "~/env.server";
import { getPublishedPractice } from "~/modules/practices/practices.server";
import { publicDataPageHeaders } from "~/modules/public/http-cache";
import { parsePracticeRef, practicePath } from "~/modules/practices/search";
import { formatDate } from "~/utils/format";

export const headers = publicDataPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Bonne pratique introuvable | Baromètre Expérience Citoyen" }];
  const title = `Bonne pratique n° ${data.practice.number} : ${data.practice.title} | Baromètre Expérience Citoyen`;
  return [
    { title },
    { name: "description", content: data.practice.summary },
    { property: "og:title", content: data.practice.title },
    { property: "og:description", content: data.practice.summary },
    { property: "og:type", content: "article" },
    { property: "og:url", content: data.canonical },
    { name: "twitter:card", content: "summary" },
    ...(data.practice.illustrationUrl ? [{ property: "og:image", content: `${data.origin}${data.practice.illustrationUrl}` }] : []),
    { tagName: "link", rel: "canonical", href: data.canonical },
  ];
};

/** "/bonnes-pratiques/12-accueil-…": resolved by number; a stale or missing slug redirects to the current one. */
export async function loader({ params }: LoaderFunctionArgs) {
  const ref = parsePracticeRef(params.ref);
  const found = ref ? await getPublishedPractice(ref.number) : null;
  // Before its publication date a practice does not exist for the public (no hint that it is scheduled).
  if (!ref || !found) throw new Response("Bonne pratique introuvable", { status: 404 });
  if (ref.slug !== found.practice.slug) throw redirect(practicePath(found.practice), 301);
  const { practice } = found;
  return {
    origin: env().APP_URL,
    canonical: `${env().APP_URL}${practicePath(practice)}`,
    html: found.html,
    previous: found.previous,
    next: found.next,
    practice: {
      number: practice.number,
      title: practice.title,
      summary: practice.summary,
      determinants: practice.determinants,
      channels: practice.channels,
      sourceName: practice.sourceName,
      laureateYear: practice.laureateYear,
      illustrationUrl: practice.illustrationUrl,
      illustrationAlt: practice.illustrationAlt,
      publishedOn: formatDate(practice.publishAt),
    },
  };
}

export default function PracticePage() {
  const { practice, html, previous, next } = useLoaderData<typeof loader>();
  return (
    <article className="container stack stack-lg practice">
      <p>
        <Link to="/bonnes-pratiques">Toutes les bonnes pratiques</Link>
      </p>
      <header className="stack stack-sm">
        <p className="muted">
          Bonne pratique n° {practice.number} · publiée le {practice.publishedOn}
        </p>
        <h1>{practice.title}</h1>
        <p className="lead">{practice.summary}</p>
        {practice.sourceName ? (
          <p>
            Source : {practice.sourceName}
            {practice.laureateYear ? `, lauréat ${practice.laureateYear} du baromètre` : ""}
          </p>
        ) : null}
        <TagList determinants={practice.determinants} channels={practice.channels} />
      </header>
      {practice.illustrationUrl ? <img className="practice-illustration" src={practice.illustrationUrl} alt={practice.illustrationAlt ?? ""} width={1200} height={675} decoding="async" /> : null}
      {/* Rendered by markdown-it with raw HTML disabled and unsafe link schemes refused (see markdown.ts). */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
      <aside className="card stack stack-sm" aria-label="Abonnement">
        <p>
          Recevez chaque lundi la nouvelle bonne pratique : <Link to="/bonnes-pratiques/abonnement">s'abonner par e-mail</Link>.
        </p>
      </aside>
      <nav className="cluster" aria-label="Bonnes pratiques voisines">
        {previous ? <Link to={practicePath(previous)}>← n° {previous.number} : {previous.title}</Link> : null}
        {next ? <Link to={practicePath(next)}>n° {next.number} : {next.title} →</Link> : null}
      </nav>
    </article>
  );
}
