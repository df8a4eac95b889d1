import { and, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "../client";
import { laureates, practices, tenants } from "../schema";
import type { LaureateMention } from "../schema/showcase";
import type { BarometerCategory } from "../../app/modules/tenancy/categories";
import { practicePath } from "../../app/modules/practices/search";

type SeedLaureate = {
  year: number;
  category: BarometerCategory;
  mention?: LaureateMention;
  name: string;
  slug: string;
  place: string;
  summary: string;
  /** Markdown; "{practice}" is replaced by a link to the laureate's first published practice. */
  story: string;
  /** The demo structure this entry is linked to (only if that structure consents). */
  tenantSlug?: string;
};

const entretiens2021 = "Le palmarès 2021 a été présenté aux Entretiens territoriaux de Strasbourg, en décembre 2021.";

/** The published laureates of the 2020, 2021 and 2023 editions (DOMAIN.md, "Laureates"). */
export const seedLaureateRows: SeedLaureate[] = [
  {
    year: 2020,
    category: "commune_plus_50000",
    mention: "numerique",
    name: "Ville de Villeurbanne",
    slug: "villeurbanne",
    place: "Villeurbanne (Rhône)",
    summary: "Villeurbanne a étendu sa démarche qualité à ses services en ligne : les engagements du guichet valent aussi à l'écran.",
    story: `Engagée depuis longtemps dans une démarche qualité, la Ville de Villeurbanne a refusé de traiter le numérique comme un monde à part. Les engagements pris à l'accueil — répondre dans un délai annoncé, donner une information claire, permettre de joindre un agent — s'appliquent désormais **aussi aux démarches en ligne**.

Les nouveaux services numériques sont essayés avant leur ouverture par des agents d'accueil et des usagers, et les pages les plus consultées sont relues pour être comprises du premier coup. Un contact humain reste toujours accessible depuis l'écran.

Ce travail de continuité entre le guichet et le site a valu à la ville, lauréate des mairies de plus de 50 000 habitants, la mention numérique de l'édition 2020.

{practice}`,
    tenantSlug: "villeurbanne",
  },
  {
    year: 2020,
    category: "commune_20000_49999",
    name: "Ville des Sables d'Olonne",
    slug: "les-sables-d-olonne",
    place: "Les Sables-d'Olonne (Vendée)",
    summary: "Après la fusion de ses communes, la ville a gardé les anciennes mairies ouvertes comme points de service de proximité.",
    story: `Quand plusieurs communes fusionnent, les habitants craignent de voir le service public s'éloigner. Les Sables d'Olonne ont fait un autre choix : **les anciennes mairies des communes fusionnées sont restées ouvertes**, transformées en points de service.

On peut y accomplir les démarches du quotidien au plus près de chez soi, tandis que les dossiers plus complexes sont relayés vers les services centraux. La ville est lauréate 2020 dans la catégorie des mairies de 20 000 à 49 999 habitants.

{practice}`,
  },
  {
    year: 2020,
    category: "commune_moins_20000",
    mention: "participation_citoyenne",
    name: "Commune de Pagny-sur-Moselle",
    slug: "pagny-sur-moselle",
    place: "Pagny-sur-Moselle (Meurthe-et-Moselle)",
    summary: "La commune de 4 125 habitants associe ses habitants à la vie locale : mention participation citoyenne.",
    story: `Avec ses 4 125 habitants, Pagny-sur-Moselle montre qu'une petite commune peut faire de la participation une habitude. Les habitants sont **associés à la vie de la commune** : ils sont consultés sur les projets qui les concernent, et la mairie rend compte de ce qu'elle retient de leurs avis.

L'accueil de la mairie tient une place centrale dans cette démarche : c'est souvent là que les remarques sont recueillies avant d'être portées aux élus.

Lauréate 2020 des mairies de moins de 20 000 habitants, la commune a reçu la mention participation citoyenne.

{practice}`,
    tenantSlug: "pagny-sur-moselle",
  },
  {
    year: 2020,
    category: "intercommunalite",
    name: "Grand Besançon Métropole",
    slug: "grand-besancon-metropole",
    place: "Besançon (Doubs)",
    summary: "Lauréate 2020 dans la catégorie des intercommunalités.",
    story: "Grand Besançon Métropole est lauréate de l'édition 2020 du baromètre dans la catégorie des intercommunalités.",
  },
  {
    year: 2020,
    category: "departement",
    name: "Département de la Haute-Garonne",
    slug: "haute-garonne",
    place: "Haute-Garonne",
    summary: "Le Département a repensé son accueil en partant de ce que vivent les usagers.",
    story: `Le Département de la Haute-Garonne a **repensé son accueil**. Plutôt que de partir de son organigramme, il est parti du parcours des usagers : par où ils arrivent, qui ils cherchent, à quel moment ils risquent d'être mal orientés.

Ce travail, mené avec les agents d'accueil, lui vaut d'être lauréat 2020 dans la catégorie des départements.

{practice}`,
  },
  {
    year: 2020,
    category: "region",
    name: "Région Hauts-de-France",
    slug: "hauts-de-france",
    place: "Hauts-de-France",
    summary: "Lauréate 2020 dans la catégorie des régions.",
    story: "La Région Hauts-de-France est lauréate de l'édition 2020 du baromètre dans la catégorie des régions.",
  },
  {
    year: 2020,
    category: "france_services",
    mention: "competence_accueil",
    name: "Maison des services de Viverols",
    slug: "maison-des-services-de-viverols",
    place: "Viverols (Puy-de-Dôme)",
    summary: "Lauréate 2020 des Maisons France Services, avec la mention compétence accueil.",
    story: `La Maison des services de Viverols, dans le Puy-de-Dôme, est lauréate de l'édition 2020 dans la catégorie des Maisons France Services. Elle a reçu la **mention compétence accueil**.

{practice}`,
  },
  {
    year: 2020,
    category: "developpement_attractivite",
    name: "Office de Tourisme et de Thermalisme du Grand Dax",
    slug: "office-de-tourisme-du-grand-dax",
    place: "Dax (Landes)",
    summary: "Lauréat 2020 dans la catégorie des services d'aménagement, de développement et d'attractivité.",
    story:
      "L'Office de Tourisme et de Thermalisme du Grand Dax est lauréat de l'édition 2020 du baromètre dans la catégorie des services d'aménagement, de développement et d'attractivité.",
  },
  {
    year: 2020,
    category: "social_sante",
    name: "CCAS de Saumur",
    slug: "ccas-de-saumur",
    place: "Saumur (Maine-et-Loire)",
    summary: "Lauréat 2020 dans la catégorie des services sociaux, de la personne, de la solidarité et de santé.",
    story:
      "Le centre communal d'action sociale (CCAS) de Saumur est lauréat de l'édition 2020 du baromètre dans la catégorie des services sociaux, de la personne, de la solidarité et de santé.",
  },
  {
    year: 2021,
    category: "commune_plus_50000",
    name: "Ville de Limoges",
    slug: "limoges",
    place: "Limoges (Haute-Vienne)",
    summary: "Lauréate 2021 des mairies de plus de 50 000 habitants.",
    story: `La Ville de Limoges est lauréate de l'édition 2021 du baromètre dans la catégorie des mairies de plus de 50 000 habitants.

${entretiens2021}`,
  },
  {
    year: 2021,
    category: "commune_20000_49999",
    name: "Ville de Lambersart",
    slug: "lambersart",
    place: "Lambersart (Nord)",
    summary: "Lauréate 2021 des mairies de 20 000 à 49 999 habitants.",
    story: `La Ville de Lambersart est lauréate de l'édition 2021 du baromètre dans la catégorie des mairies de 20 000 à 49 999 habitants.

${entretiens2021}`,
    // No consent from this demo structure: the entry stays unlinked.
  },
  {
    year: 2021,
    category: "commune_moins_20000",
    name: "Ville de La Madeleine",
    slug: "la-madeleine",
    place: "La Madeleine (Nord)",
    summary: "Lauréate 2021 des mairies de moins de 20 000 habitants.",
    story: `La Ville de La Madeleine est lauréate de l'édition 2021 du baromètre dans la catégorie des mairies de moins de 20 000 habitants.

${entretiens2021}`,
  },
  {
    year: 2021,
    category: "intercommunalite",
    name: "Brest Métropole",
    slug: "brest-metropole",
    place: "Brest (Finistère)",
    summary: "Lauréate 2021 dans la catégorie des intercommunalités.",
    story: `Brest Métropole est lauréate de l'édition 2021 du baromètre dans la catégorie des intercommunalités.

${entretiens2021}`,
  },
  {
    year: 2021,
    category: "departement",
    name: "Département du Loiret",
    slug: "loiret",
    place: "Loiret",
    summary: "Lauréat 2021 dans la catégorie des départements.",
    story: `Le Département du Loiret est lauréat de l'édition 2021 du baromètre dans la catégorie des départements.

${entretiens2021}`,
  },
  {
    year: 2021,
    category: "region",
    name: "Région Occitanie / Pyrénées-Méditerranée",
    slug: "occitanie",
    place: "Occitanie",
    summary: "Lauréate 2021 dans la catégorie des régions.",
    story: `La Région Occitanie / Pyrénées-Méditerranée est lauréate de l'édition 2021 du baromètre dans la catégorie des régions.

${entretiens2021}`,
  },
  {
    year: 2021,
    category: "france_services",
    name: "Maison des Services publics de Vervins",
    slug: "maison-des-services-publics-de-vervins",
    place: "Vervins (Aisne)",
    summary: "Lauréate 2021 dans la catégorie des Maisons France Services.",
    story: `La Maison des Services publics de Vervins est lauréate de l'édition 2021 du baromètre dans la catégorie des Maisons France Services.

${entretiens2021}`,
  },
  {
    year: 2023,
    category: "commune_plus_50000",
    name: "Ville de Cannes",
    slug: "cannes",
    place: "Cannes (Alpes-Maritimes)",
    summary: "Avant chaque conseil municipal, les habitants lisent l'ordre du jour et les projets de délibération ; leurs questions aux élus reçoivent une réponse publique en ligne.",
    story: `Comprendre ce qui va être décidé avant le vote : c'est ce que la Ville de Cannes, parmi les lauréats 2023, propose à ses habitants. **L'ordre du jour et les projets de délibération sont publiés avant chaque conseil municipal**, sous une forme lisible par tous.

Les habitants peuvent aussi adresser leurs questions aux élus. Les réponses sont **publiées en ligne**, si bien que chacun profite de la question posée par un autre.

{practice}`,
  },
];

/**
 * The laureates' showcase: the published laureates above, linked to their published practices and,
 * for the demo structures villeurbanne and pagny-sur-moselle, to their structure (which consents).
 * Lambersart gives no consent and its 2021 entry stays unlinked. Idempotent: upserts by (year, slug);
 * must run after the practices and the demo structures.
 */
export async function seedLaureates(database: Database, now = new Date()) {
  const consenting = ["villeurbanne", "pagny-sur-moselle"];
  await database
    .update(tenants)
    .set({ showcaseConsentAt: now })
    .where(and(inArray(tenants.slug, consenting), isNull(tenants.showcaseConsentAt)));
  const linkable = await database.select({ id: tenants.id, slug: tenants.slug, consentAt: tenants.showcaseConsentAt }).from(tenants).where(inArray(tenants.slug, consenting));
  const tenantIdOf = new Map(linkable.filter((t) => t.consentAt).map((t) => [t.slug, t.id]));

  const related = await database
    .select({ id: practices.id, number: practices.number, slug: practices.slug, title: practices.title, sourceName: practices.sourceName, laureateYear: practices.laureateYear })
    .from(practices)
    .where(and(sql`${practices.laureateYear} is not null`, lte(practices.publishAt, now)));

  const rows = seedLaureateRows.map((entry, index) => {
    const own = related.filter((p) => p.laureateYear === entry.year && p.sourceName === entry.name).sort((a, b) => a.number - b.number);
    const first = own[0];
    const link = first ? `À lire aussi : [${first.title}](${practicePath(first)}).` : "";
    return {
      year: entry.year,
      category: entry.category,
      mention: entry.mention ?? null,
      name: entry.name,
      slug: entry.slug,
      place: entry.place,
      summary: entry.summary,
      story: entry.story.replace("{practice}", link).trim(),
      linkedTenantId: entry.tenantSlug ? (tenantIdOf.get(entry.tenantSlug) ?? null) : null,
      practiceIds: own.map((p) => p.id),
      position: index,
      publishedAt: now,
    };
  });
  await database
    .insert(laureates)
    .values(rows)
    .onConflictDoUpdate({
      target: [laureates.year, laureates.slug],
      set: {
        category: sql`excluded.category`,
        mention: sql`excluded.mention`,
        name: sql`excluded.name`,
        place: sql`excluded.place`,
        summary: sql`excluded.summary`,
        story: sql`excluded.story`,
        linkedTenantId: sql`excluded.linked_tenant_id`,
        practiceIds: sql`excluded.practice_ids`,
        position: sql`excluded.position`,
        publishedAt: sql`coalesce(${laureates.publishedAt}, excluded.published_at)`,
        updatedAt: sql`now()`,
      },
    });
}
