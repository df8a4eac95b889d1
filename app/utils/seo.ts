import type { MetaDescriptor } from "@remix-run/node";

/** Appended to every public page's <title>. */
export const SITE_NAME = "Baromètre Expérience Citoyen";

export type PublicMetaInput = {
  /** The page's own title, without the site name. */
  title: string;
  description: string;
  /** The page's path ("/chiffres-cles/2020"), made absolute with `origin` for og:url and the canonical link. */
  path: string;
  /** The APP_URL, passed by the loader (the meta function also runs in the browser, without the server's environment). */
  origin?: string;
  /** OpenGraph type: "website" (default) or "article". */
  type?: "website" | "article";
};

/**
 * The meta tags of a public page: a unique <title> and description, OpenGraph (title, description,
 * type, url), a "summary" Twitter card and the canonical link.
 */
export function publicMeta({ title, description, path, origin = "", type = "website" }: PublicMetaInput): MetaDescriptor[] {
  const url = `${origin.replace(/\/$/, "")}${path}`;
  const fullTitle = `${title} | ${SITE_NAME}`;
  return [
    { title: fullTitle },
    { name: "description", content: description },
    { property: "og:title", content: title },
    { property: "og:description", content: description },
    { property: "og:type", content: type },
    { property: "og:url", content: url },
    { property: "og:site_name", content: SITE_NAME },
    { property: "og:locale", content: "fr_FR" },
    { name: "twitter:card", content: "summary" },
    { name: "twitter:title", content: title },
    { name: "twitter:description", content: description },
    { tagName: "link", rel: "canonical", href: url },
  ];
}
