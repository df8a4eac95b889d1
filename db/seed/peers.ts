/**
 * The demo's peer structures: ~350 real French authorities taken from the official administrative
 * dataset (communes of every size, intercommunalités, départements, régions) plus France Services
 * offices, tourist offices and CCAS hosted by real communes. Their barometer results are synthetic.
 */
import { deriveCategory, type StructureKind } from "../../app/modules/tenancy/categories";
import { completeSiret, isValidSiren } from "../../app/modules/tenancy/siret";
import { allTerritories, type Territory } from "../../app/modules/tenancy/territories.server";
import { seededRandom, seedOf } from "./synthetic-results";

export type PeerStructure = {
  slug: string;
  name: string;
  kind: StructureKind;
  category: string;
  siret: string;
  territory: Territory;
  certifications: string[];
  /** Lasting quality of the structure, about −0.15…+0.15. */
  effect: number;
};

/** Towns of the demo tenants: never peers of themselves. */
const excludedCommunes = new Set(["69266", "59328", "54415"]);

const certificationsCycle = ["Qualivilles", "Services Publics+", "Marianne"];

/**
 * The dataset gives no SIREN for départements and régions: a stable, well-formed one is made up
 * ("22…" and "23…" like real ones), so each demo peer has a SIRET that passes the checks.
 */
function sirenOf(territory: Territory): string {
  if (territory.siren) return territory.siren;
  const base = `${territory.kind === "region" ? "23" : "22"}${territory.code.replace(/\D/g, "9").padStart(3, "0")}000`.slice(0, 8);
  const siren = Array.from({ length: 10 }, (_, digit) => `${base}${digit}`).find(isValidSiren);
  if (!siren) throw new Error(`seed: no SIREN for ${territory.name}`);
  return siren;
}

function byPopulation(territories: Territory[]) {
  return territories.filter((t) => t.population !== null).sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.code.localeCompare(b.code));
}

/** Every n-th entry, so a sample spreads over the whole list instead of taking its head. */
function spread<T>(list: T[], count: number): T[] {
  if (list.length <= count) return list;
  const step = list.length / count;
  return Array.from({ length: count }, (_, i) => list[Math.floor(i * step)]!);
}

export function demoPeers(): PeerStructure[] {
  const communes = byPopulation(allTerritories("commune")).filter((c) => c.siren && !excludedCommunes.has(c.code));
  const band = (min: number, max: number) => communes.filter((c) => (c.population ?? 0) >= min && (c.population ?? 0) < max);
  const large = band(50_000, Infinity);
  const medium = band(20_000, 50_000);
  const small = band(2_000, 20_000);
  const hosts = spread(band(5_000, 50_000), 300);

  const picks: { kind: StructureKind; territory: Territory; name: string; nic: string; slug: string }[] = [
    ...spread(large, 40).map((t) => ({ kind: "commune" as const, territory: t, name: `Ville de ${t.name}`, nic: "0001", slug: `temoin-${t.code}` })),
    ...spread(medium, 60).map((t) => ({ kind: "commune" as const, territory: t, name: `Ville de ${t.name}`, nic: "0001", slug: `temoin-${t.code}` })),
    ...spread(small, 130).map((t) => ({ kind: "commune" as const, territory: t, name: `Commune de ${t.name}`, nic: "0001", slug: `temoin-${t.code}` })),
    ...spread(byPopulation(allTerritories("epci")).filter((t) => t.siren), 40).map((t) => ({ kind: "epci" as const, territory: t, name: t.name, nic: "0001", slug: `temoin-epci-${t.code}` })),
    ...spread(byPopulation(allTerritories("departement")), 25).map((t) => ({ kind: "departement" as const, territory: t, name: `Département ${t.name}`, nic: "0001", slug: `temoin-dep-${t.code.toLowerCase()}` })),
    ...spread(byPopulation(allTerritories("region")), 8).map((t) => ({ kind: "region" as const, territory: t, name: `Région ${t.name}`, nic: "0001", slug: `temoin-reg-${t.code}` })),
    ...hosts.slice(0, 40).map((t) => ({ kind: "france_services" as const, territory: t, name: `France Services de ${t.name}`, nic: "0002", slug: `temoin-fs-${t.code}` })),
    ...hosts.slice(40, 55).map((t) => ({ kind: "service_developpement" as const, territory: t, name: `Office de tourisme de ${t.name}`, nic: "0003", slug: `temoin-ot-${t.code}` })),
    ...hosts.slice(55, 75).map((t) => ({ kind: "service_social" as const, territory: t, name: `CCAS de ${t.name}`, nic: "0004", slug: `temoin-ccas-${t.code}` })),
  ];
  return picks.map((pick) => {
    const rand = seededRandom(seedOf(pick.slug));
    const certified = rand() < 0.2;
    return {
      slug: pick.slug.toLowerCase(),
      name: pick.name,
      kind: pick.kind,
      category: deriveCategory(pick.kind, pick.territory.population),
      siret: completeSiret(sirenOf(pick.territory), pick.nic),
      territory: pick.territory,
      certifications: certified ? [certificationsCycle[Math.floor(rand() * certificationsCycle.length)]!] : [],
      effect: (rand() - 0.5) * 0.3,
    };
  });
}

/**
 * The peers taking part in an edition: `count` of them, the same ones from one year to the next
 * as far as the count allows (structures come back), in a stable order.
 */
export function participantsOf<T extends { key: string }>(peers: T[], year: number, count: number): T[] {
  const ranked = [...peers].sort((a, b) => seedOf(`${a.key}:fidelite`) - seedOf(`${b.key}:fidelite`) || a.key.localeCompare(b.key));
  // A few structures skip a year: rotate the head of the list by the year.
  const skip = year % 7;
  return [...ranked.slice(skip), ...ranked.slice(0, skip)].slice(0, count);
}
