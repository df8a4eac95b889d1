// French communes, EPCI (intercommunalités), départements and régions from
// @etalab/decoupage-administratif, indexed in memory for sign-up autocomplete.
//
// The JSON files are read with createRequire on first use: a static import would
// inline 8.6 MB into the server build, and the package's index.js reads ./data
// relative to the current directory.
import { createRequire } from "node:module";

export const territoryKinds = ["commune", "epci", "departement", "region"] as const;

export type TerritoryKind = (typeof territoryKinds)[number];

export type Territory = {
  kind: TerritoryKind;
  /** INSEE code for communes, SIREN for EPCI, code for départements and régions. */
  code: string;
  siren: string | null;
  name: string;
  population: number | null;
  departementCode: string | null;
  departementName: string | null;
  regionCode: string | null;
  regionName: string | null;
  postalCodes: string[];
  /** CC, CA, CU, METRO or MET69 (Métropole de Lyon), EPCI only. */
  epciType?: string;
};

type RawCommune = {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  siren?: string;
  codesPostaux?: string[];
  population?: number;
};
type RawEpci = {
  code: string;
  nom: string;
  type: string;
  populationTotale?: number;
  membres?: { code: string }[];
};
type RawDepartement = { code: string; nom: string; region?: string };
type RawRegion = { code: string; nom: string };

type KindIndex = {
  /** Sorted by population descending then name, so an entry's position breaks ties. */
  entries: Territory[];
  /** Normalised names, in entry order. */
  names: string[];
  /** Positions of the entries by normalised name, ascending. */
  byName: Map<string, number[]>;
  /** Position of an entry by its code (getTerritory) and by other identifiers. */
  byCode: Map<string, number>;
  byOtherCode: Map<string, number[]>;
  /** Whole names, for "starts with"; the tail of a name after each space, for "a word starts with". */
  nameStarts: SortedKeys;
  wordStarts: SortedKeys;
  /** Positions (ascending) of the entries whose name contains each pair of characters. */
  byBigram: Map<string, number[]>;
};

/** Keys sorted in code-unit order, each with the position of its entry. */
type SortedKeys = { keys: string[]; positions: number[] };

type Indexes = Record<TerritoryKind, KindIndex>;

let indexes: Indexes | null = null;

function getIndexes(): Indexes {
  indexes ??= buildIndexes();
  return indexes;
}

/** Builds the index now rather than on the first search (e.g. at server start). */
export function warmTerritoryIndex(): void {
  getIndexes();
}

const STANDARD_TOKENS: Record<string, string> = { st: "saint", ste: "sainte" };

/**
 * Lowercase, without accents or punctuation (hyphens and apostrophes become spaces),
 * single-spaced: "Saint-Étienne" → "saint etienne", "L'Haÿ-les-Roses" → "l hay les roses".
 */
export function normaliseTerritoryName(input: string): string {
  return input
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** "st" and "ste" as whole words are written out, so "St-Étienne" finds "Saint-Étienne". */
function expandAbbreviations(normalised: string): string {
  return normalised
    .split(" ")
    .map((token) => STANDARD_TOKENS[token] ?? token)
    .join(" ");
}

function loadRawData() {
  const requireData = createRequire(import.meta.url);
  const pkg = "@etalab/decoupage-administratif/data";
  return {
    communes: (requireData(`${pkg}/communes.json`) as RawCommune[]).filter(
      (commune) => commune.type === "commune-actuelle",
    ),
    epcis: requireData(`${pkg}/epci.json`) as RawEpci[],
    departements: requireData(`${pkg}/departements.json`) as RawDepartement[],
    regions: requireData(`${pkg}/regions.json`) as RawRegion[],
  };
}

function buildIndexes(): Indexes {
  const raw = loadRawData();
  const regionNames = new Map(raw.regions.map((region) => [region.code, region.nom]));
  const departementNames = new Map(raw.departements.map((dep) => [dep.code, dep.nom]));

  const communes: Territory[] = raw.communes.map((commune) => ({
    kind: "commune",
    code: commune.code,
    siren: commune.siren ?? null,
    name: commune.nom,
    population: commune.population ?? null,
    departementCode: commune.departement ?? null,
    departementName: (commune.departement && departementNames.get(commune.departement)) ?? null,
    regionCode: commune.region ?? null,
    regionName: (commune.region && regionNames.get(commune.region)) ?? null,
    postalCodes: commune.codesPostaux ?? [],
  }));
  const communeByCode = new Map(communes.map((commune) => [commune.code, commune]));

  const populationByDepartement = new Map<string, number>();
  const populationByRegion = new Map<string, number>();
  for (const commune of communes) {
    if (commune.population === null) continue;
    if (commune.departementCode) addTo(populationByDepartement, commune.departementCode, commune.population);
    if (commune.regionCode) addTo(populationByRegion, commune.regionCode, commune.population);
  }

  const epcis: Territory[] = raw.epcis.map((epci) => {
    // An EPCI may straddle départements; it is placed where its first member is.
    const firstMember = (epci.membres ?? [])
      .map((member) => communeByCode.get(member.code))
      .find((commune) => commune !== undefined);
    return {
      kind: "epci",
      code: epci.code,
      siren: epci.code,
      name: epci.nom,
      population: epci.populationTotale ?? null,
      departementCode: firstMember?.departementCode ?? null,
      departementName: firstMember?.departementName ?? null,
      regionCode: firstMember?.regionCode ?? null,
      regionName: firstMember?.regionName ?? null,
      postalCodes: [],
      epciType: epci.type,
    };
  });

  const departements: Territory[] = raw.departements.map((dep) => ({
    kind: "departement",
    code: dep.code,
    siren: null,
    name: dep.nom,
    population: populationByDepartement.get(dep.code) ?? null,
    departementCode: dep.code,
    departementName: dep.nom,
    regionCode: dep.region ?? null,
    regionName: (dep.region && regionNames.get(dep.region)) ?? null,
    postalCodes: [],
  }));

  const regions: Territory[] = raw.regions.map((region) => ({
    kind: "region",
    code: region.code,
    siren: null,
    name: region.nom,
    population: populationByRegion.get(region.code) ?? null,
    departementCode: null,
    departementName: null,
    regionCode: region.code,
    regionName: region.nom,
    postalCodes: [],
  }));

  return {
    commune: buildKindIndex(communes, (commune) => [...commune.postalCodes, ...(commune.siren ? [commune.siren] : [])]),
    epci: buildKindIndex(epcis, () => []),
    departement: buildKindIndex(departements, () => []),
    region: buildKindIndex(regions, () => []),
  };
}

function addTo(map: Map<string, number>, key: string, value: number) {
  map.set(key, (map.get(key) ?? 0) + value);
}

const collator = new Intl.Collator("fr");

function buildKindIndex(territories: Territory[], otherCodes: (territory: Territory) => string[]): KindIndex {
  const entries = [...territories].sort(
    (a, b) => (b.population ?? -1) - (a.population ?? -1) || collator.compare(a.name, b.name),
  );
  const names = entries.map((entry) => expandAbbreviations(normaliseTerritoryName(entry.name)));
  const byName = new Map<string, number[]>();
  const byCode = new Map<string, number>();
  const byOtherCode = new Map<string, number[]>();
  const byBigram = new Map<string, number[]>();
  const nameStarts: [string, number][] = [];
  const wordStarts: [string, number][] = [];
  names.forEach((name, position) => {
    const entry = entries[position];
    if (!entry) return;
    pushTo(byName, name, position);
    byCode.set(entry.code.toUpperCase(), position);
    for (const code of otherCodes(entry)) pushTo(byOtherCode, code, position);
    nameStarts.push([name, position]);
    for (let i = name.indexOf(" "); i !== -1; i = name.indexOf(" ", i + 1)) {
      wordStarts.push([name.slice(i + 1), position]);
    }
    for (let i = 0; i + 2 <= name.length; i += 1) {
      const positions = byBigram.get(name.slice(i, i + 2));
      // Positions come in ascending order; skip a repeat of the same entry.
      if (positions?.[positions.length - 1] !== position) pushTo(byBigram, name.slice(i, i + 2), position);
    }
  });
  return {
    entries,
    names,
    byName,
    byCode,
    byOtherCode,
    nameStarts: sortKeys(nameStarts),
    wordStarts: sortKeys(wordStarts),
    byBigram,
  };
}

function pushTo(map: Map<string, number[]>, key: string, position: number) {
  const positions = map.get(key);
  if (positions) positions.push(position);
  else map.set(key, [position]);
}

function sortKeys(pairs: [string, number][]): SortedKeys {
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { keys: pairs.map(([key]) => key), positions: pairs.map(([, position]) => position) };
}

/** Adds a position to a short ascending list of at most `wanted` smallest positions. */
function keepSmallest(smallest: number[], position: number, wanted: number) {
  const last = smallest[smallest.length - 1];
  if (smallest.length >= wanted && last !== undefined && position >= last) return;
  if (smallest.includes(position)) return;
  let at = smallest.length;
  while (at > 0 && (smallest[at - 1] ?? 0) > position) at -= 1;
  smallest.splice(at, 0, position);
  if (smallest.length > wanted) smallest.pop();
}

/** The `wanted` most populated entries, not yet taken, with a key starting with `prefix`. */
function withPrefix(sorted: SortedKeys, prefix: string, taken: Set<number>, wanted: number): number[] {
  let low = 0;
  let high = sorted.keys.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sorted.keys[middle] ?? "") < prefix) low = middle + 1;
    else high = middle;
  }
  const smallest: number[] = [];
  for (let i = low; i < sorted.keys.length && sorted.keys[i]?.startsWith(prefix); i += 1) {
    const position = sorted.positions[i] ?? 0;
    if (!taken.has(position)) keepSmallest(smallest, position, wanted);
  }
  return smallest;
}

/** The `wanted` most populated entries, not yet taken, whose name contains `part`. */
function containing(index: KindIndex, part: string, taken: Set<number>, wanted: number): number[] {
  // Only names holding the query's rarest pair of characters need to be looked at.
  let candidates: number[] | undefined;
  for (let i = 0; i + 2 <= part.length; i += 1) {
    const positions = index.byBigram.get(part.slice(i, i + 2));
    if (!positions) return [];
    if (!candidates || positions.length < candidates.length) candidates = positions;
  }
  const found: number[] = [];
  for (const position of candidates ?? []) {
    if (found.length >= wanted) break;
    if (!taken.has(position) && index.names[position]?.includes(part)) found.push(position);
  }
  return found;
}

function copy(territory: Territory): Territory {
  return { ...territory, postalCodes: [...territory.postalCodes] };
}

/**
 * Territories of one kind matching a query typed by a person: accent and case
 * insensitive, "st"/"saint" interchangeable. Exact names come first, then names
 * starting with the query, then a word starting with it, then any substring; ties go
 * to the most populated. Communes are also found by INSEE code, postal code or SIREN,
 * EPCI by SIREN (a SIRET works too), départements and régions by code.
 */
export function searchTerritories(kind: TerritoryKind, query: string, limit = 10): Territory[] {
  if (query.trim().length < 2 || limit <= 0) return [];
  const index = getIndexes()[kind];
  const normalised = normaliseTerritoryName(query);
  const variants = [...new Set([normalised, expandAbbreviations(normalised)])].filter(
    (variant) => variant.length >= 2,
  );

  const chosen: number[] = [];
  const taken = new Set<number>();
  // Each rank is exhausted before the next one is looked at, and within a rank the
  // lowest positions win, so scanning can stop as soon as the list is full.
  const addRank = (candidates: number[]) => {
    const sorted = [...new Set(candidates)].filter((p) => !taken.has(p)).sort((a, b) => a - b);
    for (const position of sorted.slice(0, limit - chosen.length)) {
      chosen.push(position);
      taken.add(position);
    }
  };

  // Rank 1: identifiers and exact names.
  const compact = query.replace(/[\s.]/g, "").toUpperCase();
  const codes = /^\d{14}$/.test(compact) ? [compact, compact.slice(0, 9)] : [compact];
  addRank([
    ...codes.flatMap((code) => {
      const position = index.byCode.get(code);
      return [...(position === undefined ? [] : [position]), ...(index.byOtherCode.get(code) ?? [])];
    }),
    ...variants.flatMap((variant) => index.byName.get(variant) ?? []),
  ]);
  // Rank 2: names starting with the query; 3: a word starting with it; 4: anywhere.
  const finders = [
    (variant: string, wanted: number) => withPrefix(index.nameStarts, variant, taken, wanted),
    (variant: string, wanted: number) => withPrefix(index.wordStarts, variant, taken, wanted),
    (variant: string, wanted: number) => containing(index, variant, taken, wanted),
  ];
  for (const find of finders) {
    if (chosen.length >= limit) break;
    const wanted = limit - chosen.length;
    addRank(variants.flatMap((variant) => find(variant, wanted)));
  }

  return chosen.flatMap((position) => {
    const entry = index.entries[position];
    return entry ? [copy(entry)] : [];
  });
}

/** One territory by its code (INSEE code for a commune, SIREN for an EPCI), or null. */
export function getTerritory(kind: TerritoryKind, code: string): Territory | null {
  const index = getIndexes()[kind];
  const position = index.byCode.get(code.trim().toUpperCase());
  const entry = position === undefined ? undefined : index.entries[position];
  return entry ? copy(entry) : null;
}

/** Every territory of a kind (copies), e.g. to pick demo peers among real communes. */
export function allTerritories(kind: TerritoryKind): Territory[] {
  return getIndexes()[kind].entries.map(copy);
}
