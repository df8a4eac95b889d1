import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EditionFiguresView } from "~/components/key-figures";
import { env } from "~/env.server";
import { publicDataPageHeaders } from "~/modules/public/http-cache";
import { describeEdition } from "~/modules/public/key-figures";
import { keyFiguresYearSchema } from "~/modules/public/key-figures-schema";
import { keyFiguresPage } from "~/modules/public/key-figures.server";
import { publicMeta } from "~/utils/seo";

export const headers = publicDataPageHeaders;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Édition introuvable | Baromètre Expérience Citoyen" }, { name: "robots", content: "noindex" }];
  return publicMeta({
    title: `Chiffres clés ${data.figures.year} du Baromètre Expérience Citoyen`,
    description: describeEdition(data.figures),
    path: `/chiffres-cles/${data.figures.year}`,
    origin: data.origin,
    type: "article",
  });
};

/** "/chiffres-cles/2020": one edition's figures; a year without public figures is a 404. */
export async function loader({ params }: LoaderFunctionArgs) {
  const year = keyFiguresYearSchema.safeParse(params.annee);
  const page = year.success && /^\d{4}$/.test(params.annee ?? "") ? await keyFiguresPage(year.data) : null;
  if (!page) throw new Response("Aucun chiffre clé publié pour cette édition.", { status: 404 });
  return { ...page, origin: env().APP_URL };
}

export default function EditionKeyFiguresPage() {
  const { figures, previous, next } = useLoaderData<typeof loader>();
  return (
    <div className="container stack stack-lg">
      <p>
        <Link to="/chiffres-cles">Toutes les éditions</Link>
      </p>
      <header className="stack stack-sm">
        <h1>Chiffres clés {figures.year}</h1>
        {figures.editionLabel ? <p className="lead">{figures.editionLabel} du Baromètre Expérience Citoyen</p> : null}
      </header>
      <EditionFiguresView figures={figures} />
      <nav aria-label="Autres pages de l'édition et éditions voisines" className="stack stack-sm">
        <p>
          <Link to={`/laureats/${figures.year}`}>Les lauréats {figures.year}</Link>
        </p>
        <ul className="cluster" role="list">
          {previous ? (
            <li>
              <Link to={`/chiffres-cles/${previous}`} rel="prev">
                ← Édition {previous}
              </Link>
            </li>
          ) : null}
          {next ? (
            <li>
              <Link to={`/chiffres-cles/${next}`} rel="next">
                Édition {next} →
              </Link>
            </li>
          ) : null}
        </ul>
      </nav>
    </div>
  );
}
