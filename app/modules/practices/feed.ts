import { practicePath } from "./search";

/** Escapes text for XML content and attribute values. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    // Control characters are not allowed in XML 1.0.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

type FeedPractice = { number: number; slug: string; title: string; summary: string; publishAt: Date; updatedAt: Date };

/** Atom 1.0 feed of published practices; entries use the summary (the page holds the full text). */
export function atomFeed(origin: string, practices: readonly FeedPractice[]): string {
  const feedUrl = `${origin}/bonnes-pratiques/flux.xml`;
  const updated = practices.reduce((latest, p) => Math.max(latest, p.publishAt.getTime()), 0);
  const entries = practices.map((p) => {
    const url = `${origin}${practicePath(p)}`;
    return `  <entry>
    <id>${escapeXml(url)}</id>
    <title>${escapeXml(`Bonne pratique n° ${p.number} : ${p.title}`)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>
    <published>${p.publishAt.toISOString()}</published>
    <updated>${(p.updatedAt > p.publishAt ? p.updatedAt : p.publishAt).toISOString()}</updated>
    <summary>${escapeXml(p.summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <id>${escapeXml(feedUrl)}</id>
  <title>Les bonnes pratiques du Baromètre Expérience Citoyen</title>
  <subtitle>Chaque semaine, une bonne pratique d'accueil et de relation aux usagers.</subtitle>
  <link rel="self" type="application/atom+xml" href="${escapeXml(feedUrl)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(`${origin}/bonnes-pratiques`)}"/>
  <author><name>AFNOR</name></author>
  <updated>${new Date(updated || Date.UTC(2020, 0, 1)).toISOString()}</updated>
${entries.join("\n")}
</feed>
`;
}

type SitemapEntry = { path: string; lastModified?: Date };

export function sitemapXml(origin: string, entries: readonly SitemapEntry[]): string {
  const urls = entries.map(
    (entry) => `  <url><loc>${escapeXml(`${origin}${entry.path}`)}</loc>${entry.lastModified ? `<lastmod>${entry.lastModified.toISOString().slice(0, 10)}</lastmod>` : ""}</url>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join("\n")}
</urlset>
`;
}
