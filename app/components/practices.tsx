import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { ExcerptPart } from "~/modules/practices/search";
import { practiceChannelLabels, practiceDeterminantLabels, practiceKindLabels, practiceThemeLabels } from "~/modules/practices/practice-labels";
import { practicePath } from "~/modules/practices/search";

export type PracticeCardData = {
  id: string;
  number: number;
  slug: string;
  title: string;
  summary: string;
  determinants: string[];
  channels: string[];
  publishedOn: string;
  sourceName: string | null;
  excerpt: ExcerptPart[] | null;
};

export function Excerpt({ parts }: { parts: ExcerptPart[] }) {
  return (
    <p className="practice-excerpt">
      {parts.map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </p>
  );
}

export function TagList({ determinants, channels }: { determinants: string[]; channels: string[] }) {
  const tags = [
    ...determinants.map((code) => practiceDeterminantLabels[code] ?? code),
    ...channels.map((code) => practiceChannelLabels[code as keyof typeof practiceChannelLabels] ?? code),
  ];
  if (tags.length === 0) return null;
  return (
    <ul className="tag-list" aria-label="Thèmes">
      {tags.map((tag) => (
        <li key={tag} className="badge badge-neutral">
          {tag}
        </li>
      ))}
    </ul>
  );
}

/**
 * One practice in a list. `href` lets the member portal link to the public page; `actions`
 * holds its bookmark button.
 */
export function PracticeCard({ practice, headingLevel = 2, actions }: { practice: PracticeCardData; headingLevel?: 2 | 3; actions?: ReactNode }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card stack stack-sm practice-card">
      <p className="muted">
        Bonne pratique n° {practice.number} · publiée le {practice.publishedOn}
        {practice.sourceName ? ` · ${practice.sourceName}` : ""}
      </p>
      <Heading>
        <Link to={practicePath(practice)}>{practice.title}</Link>
      </Heading>
      {practice.excerpt ? <Excerpt parts={practice.excerpt} /> : <p>{practice.summary}</p>}
      <TagList determinants={practice.determinants} channels={practice.channels} />
      {actions}
    </article>
  );
}

export type SearchValues = { q: string; channel: string; determinant: string; theme: string; kind: string };

function Select({ name, label, value, options }: { name: string; label: string; value: string; options: Record<string, string> }) {
  return (
    <div className="field">
      <label htmlFor={`filtre-${name}`}>{label}</label>
      <select id={`filtre-${name}`} name={name} defaultValue={value}>
        <option value="">Tous</option>
        {Object.entries(options).map(([code, text]) => (
          <option key={code} value={code}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A GET form: the search is an address one can share and bookmark. */
export function PracticeSearchForm({ values, action }: { values: SearchValues; action: string }) {
  return (
    <Form method="get" action={action} role="search" className="card stack stack-sm" aria-label="Rechercher une bonne pratique">
      <div className="field">
        <label htmlFor="recherche-q">Rechercher</label>
        <input id="recherche-q" type="search" name="q" defaultValue={values.q} placeholder="Par exemple : accueil téléphonique" />
      </div>
      <div className="grid">
        <Select name="channel" label="Canal" value={values.channel} options={practiceChannelLabels} />
        <Select name="determinant" label="Déterminant" value={values.determinant} options={practiceDeterminantLabels} />
        <Select name="theme" label="Thème" value={values.theme} options={practiceThemeLabels} />
        <Select name="kind" label="Type de structure" value={values.kind} options={practiceKindLabels} />
      </div>
      <div className="cluster">
        <button type="submit" className="btn">
          Rechercher
        </button>
        <Link to={action}>Effacer la recherche</Link>
      </div>
    </Form>
  );
}

export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pagination" className="cluster">
      {page > 1 ? <Link to={hrefFor(page - 1)}>Page précédente</Link> : null}
      <span aria-current="page">
        Page {page} sur {pageCount}
      </span>
      {page < pageCount ? <Link to={hrefFor(page + 1)}>Page suivante</Link> : null}
    </nav>
  );
}

/** Reads the search of a practice list from its URL (unknown filter values are just ignored by the query). */
export function searchValuesOf(url: URL): SearchValues & { page: number } {
  const get = (name: string) => (url.searchParams.get(name) ?? "").slice(0, 200);
  const page = Number.parseInt(get("page"), 10);
  return { q: get("q"), channel: get("channel"), determinant: get("determinant"), theme: get("theme"), kind: get("kind"), page: Number.isFinite(page) && page > 0 ? page : 1 };
}

export function pageHref(base: string, values: SearchValues, page: number) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) params.set(key, value);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

/** The staff preview of a practice, rendered exactly as the public page renders its body. */
export function PracticePreview({ title, html }: { title: string; html: string }) {
  return (
    <section className="card stack stack-sm" aria-label="Aperçu de la bonne pratique">
      <p className="muted">Aperçu</p>
      <h2>{title}</h2>
      {/* markdown-it with raw HTML disabled: safe by construction (see markdown.ts). */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
