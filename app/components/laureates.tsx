import { Link } from "@remix-run/react";
import { useNonce } from "~/components/nonce";
import { jsonLdText } from "~/utils/json-ld";

export type LaureateCardData = {
  name: string;
  url: string;
  mentionLabel: string | null;
  place: string | null;
  summary: string;
};

export type LaureateGroup = { category: string; label: string; laureates: LaureateCardData[] };

/** Structured data for search engines; serialised so that no value can close the <script>. */
export function JsonLd({ data }: { data: unknown }) {
  const nonce = useNonce();
  return <script type="application/ld+json" nonce={nonce} dangerouslySetInnerHTML={{ __html: jsonLdText(data) }} />;
}

/** An edition's laureates by category (barometer order), each with its mention and summary. */
export function LaureateGroups({ groups, headingLevel = 2 }: { groups: LaureateGroup[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Item = headingLevel === 2 ? "h3" : "h4";
  return (
    <div className="stack">
      {groups.map((group) => (
        <section key={group.category} className="stack stack-sm" aria-labelledby={`categorie-${group.category}-${headingLevel}`}>
          <Heading id={`categorie-${group.category}-${headingLevel}`}>{group.label}</Heading>
          <ul className="stack stack-sm practice-list">
            {group.laureates.map((l) => (
              <li key={l.url} className="card stack stack-sm">
                <Item>
                  <Link to={l.url}>{l.name}</Link>
                </Item>
                {l.mentionLabel || l.place ? (
                  <p className="cluster">
                    {l.mentionLabel ? <span className="badge badge-success">{l.mentionLabel}</span> : null}
                    {l.place ? <span className="muted">{l.place}</span> : null}
                  </p>
                ) : null}
                <p>{l.summary}</p>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export type LaureateArticleData = {
  year: number;
  name: string;
  categoryLabel: string;
  mentionLabel: string | null;
  place: string | null;
  summary: string;
  storyHtml: string;
  structureName: string | null;
  practices: { id: string; number: number; title: string; url: string }[];
};

/** A laureate's public page body; also the back-office preview (same markup, unsaved values). */
export function LaureateArticle({ laureate, preview = false }: { laureate: LaureateArticleData; preview?: boolean }) {
  return (
    <article className="stack stack-lg" aria-label={preview ? "Aperçu de la page publique" : undefined}>
      <header className="stack stack-sm">
        <p className="muted">Lauréat {laureate.year} du baromètre</p>
        {preview ? <h2>{laureate.name}</h2> : <h1>{laureate.name}</h1>}
        <p className="lead">{laureate.summary}</p>
        <dl className="definition-list">
          <dt>Catégorie</dt>
          <dd>{laureate.categoryLabel}</dd>
          {laureate.mentionLabel ? (
            <>
              <dt>Mention</dt>
              <dd>{laureate.mentionLabel}</dd>
            </>
          ) : null}
          {laureate.place ? (
            <>
              <dt>Lieu</dt>
              <dd>{laureate.place}</dd>
            </>
          ) : null}
          {laureate.structureName ? (
            <>
              <dt>Structure participante</dt>
              <dd>{laureate.structureName}</dd>
            </>
          ) : null}
        </dl>
      </header>
      {/* markdown-it with raw HTML disabled and unsafe link schemes refused: safe by construction (practices/markdown.ts). */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: laureate.storyHtml }} />
      {laureate.practices.length > 0 ? (
        <section className="stack stack-sm" aria-labelledby="pratiques-liees">
          {preview ? <h3 id="pratiques-liees">Bonnes pratiques liées</h3> : <h2 id="pratiques-liees">Bonnes pratiques liées</h2>}
          <ul>
            {laureate.practices.map((p) => (
              <li key={p.id}>
                <Link to={p.url}>
                  Bonne pratique n° {p.number} : {p.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
