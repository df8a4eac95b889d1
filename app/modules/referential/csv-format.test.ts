import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { determinants } from "../../../db/seed/referential-data";
import { referentialFixtureCsv, referentialFixtureItems } from "../../../db/testing/referential-fixture";
import { scoreStructure } from "../scoring/scoring";
import { mapReferentialHeader, parseReferentialCsv, referentialToCsv } from "./csv-format";
import { formatThresholds, parseThresholds } from "./thresholds";
import { diffReferential } from "./diff";
import { describeThresholds } from "./labels";

const header = "code;libellé;canal;étape;déterminant;type;poids;unité;seuils;source";
const file = (lines: string[], head = header) => Buffer.from([head, ...lines].join("\n"), "utf8");
const parse = (lines: string[], head = header) => parseReferentialCsv(file(lines, head), determinants);

const good = {
  yesNo: "TEL-ACC-01;L'appel aboutit dès la première tentative;telephone;acces;accessibilite;oui_non;3;;;Qualivilles",
  measure: "TEL-ACC-03;Nombre de sonneries avant le décroché;Téléphone;Accès;Réactivité;mesure;2;sonneries;2:1|4:0,75|5:0.5|8:0,2|*:0;AFNOR",
  scale: "MEL-TRT-01;Clarté de la réponse écrite;Courriel;Traitement de la demande;qualite_reponse;echelle;;;;AFNOR",
};

function errorsOf(result: ReturnType<typeof parse>) {
  if (result.ok) throw new Error("the file was accepted");
  return result.errors;
}

describe("the referential CSV file", () => {
  it("reads codes and French labels, decimal commas, a final *:0 and a default weight", () => {
    const result = parse([good.yesNo, good.measure, good.scale]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.delimiter).toBe(";");
    expect(result.items).toEqual([
      expect.objectContaining({ code: "TEL-ACC-01", channel: "telephone", stage: "acces", answerType: "yes_no", weight: 3, unit: null, thresholds: null, position: 1 }),
      {
        code: "TEL-ACC-03",
        label: "Nombre de sonneries avant le décroché",
        channel: "telephone",
        stage: "acces",
        determinant: "reactivite",
        weight: 2,
        answerType: "measure",
        unit: "sonneries",
        thresholds: [
          { upTo: 2, points: 1 },
          { upTo: 4, points: 0.75 },
          { upTo: 5, points: 0.5 },
          { upTo: 8, points: 0.2 },
        ],
        source: "AFNOR",
        position: 2,
      },
      expect.objectContaining({ code: "MEL-TRT-01", channel: "courriel", stage: "traitement", answerType: "scale", weight: 1, position: 3 }),
    ]);
  });

  it("accepts headers without accents, in any order, and a comma-separated Windows-1252 file", () => {
    const text = [
      "Source,Code,Libelle,Canal,Etape,Determinant,Type,Poids,Unite,Seuils",
      `AFNOR,web-acc-09,"Délai d'affichage, en secondes",Site internet,Accès,clarte_site,mesure,1,secondes,"2:1|5,5:0,5"`,
    ].join("\r\n");
    const result = parseReferentialCsv(iconv.encode(text, "win1252"), determinants);
    expect(result).toMatchObject({ ok: true, encoding: "windows-1252", delimiter: "," });
    if (!result.ok) return;
    expect(result.items[0]).toMatchObject({ code: "WEB-ACC-09", label: "Délai d'affichage, en secondes", channel: "site", thresholds: [{ upTo: 2, points: 1 }, { upTo: 5.5, points: 0.5 }] });
  });

  it("names every missing column on line 1", () => {
    expect(mapReferentialHeader(["code", "libellé", "canal"])).toEqual({
      ok: false,
      errors: [
        "ligne 1 : la colonne étape est absente.",
        "ligne 1 : la colonne déterminant est absente.",
        "ligne 1 : la colonne type est absente.",
        "ligne 1 : la colonne source est absente.",
        "En-têtes attendus : code ; libellé ; canal ; étape ; déterminant ; type ; poids ; unité ; seuils ; source (poids, unité et seuils facultatifs).",
      ],
    });
  });

  it("refuses a bad type, an unknown channel or stage and an unknown determinant, by line and column", () => {
    const errors = errorsOf(
      parse([
        good.yesNo,
        "TEL-ACC-02;Décroché rapide;telephone;acces;reactivite;booleen;2;;;Marianne",
        "FAX-ACC-01;Le fax répond;Fax;acces;reactivite;oui_non;1;;;AFNOR",
        "TEL-ACC-04;Attente;telephone;Paiement;rapidite;oui_non;1;;;AFNOR",
      ]),
    );
    expect(errors).toEqual([
      "ligne 3, colonne type : « booleen » n'est pas un type de réponse : oui_non, echelle (note de 0 à 4) ou mesure.",
      "ligne 4, colonne canal : « Fax » n'est pas un canal connu : Téléphone, Courriel, Courrier postal, Site internet, Réseaux sociaux et avis en ligne, Accueil physique.",
      "ligne 5, colonne étape : « Paiement » n'est pas une étape connue : Accès, Information et orientation, Traitement de la demande.",
      "ligne 5, colonne déterminant : « rapidite » n'est pas l'un des 20 déterminants du référentiel (voir leur liste sur la page du référentiel).",
    ]);
  });

  it("refuses bad thresholds, with what is wrong", () => {
    const measure = (seuils: string, unit = "secondes") => `TEL-ACC-09;Attente;telephone;acces;gestion_attente;mesure;1;${unit};${seuils};AFNOR`;
    const errors = errorsOf(
      parse([
        measure("10:1|5:0,5"),
        measure("5:1|10:1,5"),
        measure("5:0,5|10:0,8"),
        measure("5-1"),
        measure(""),
        measure("5:1|*:0,2"),
        measure("5:1", ""),
        "TEL-ACC-10;Oui ou non;telephone;acces;accessibilite;oui_non;1;;5:1;AFNOR",
      ]),
    );
    expect(errors).toEqual([
      "ligne 2, colonne seuils : « 5:0,5 » : les seuils doivent être donnés par valeur croissante.",
      "ligne 3, colonne seuils : « 10:1,5 » : la part des points doit être un nombre de 0 à 1 (par exemple 0,5).",
      "ligne 4, colonne seuils : « 10:0,8 » : une mesure plus élevée ne peut pas rapporter plus de points que la précédente (0,5).",
      "ligne 5, colonne seuils : « 5-1 » : chaque seuil s'écrit valeur:part, par exemple 5:1|10:0,5|20:0,2.",
      "ligne 6, colonne seuils : seuils manquants pour un item de type mesure (par exemple 5:1|10:0,5|20:0,2).",
      "ligne 7, colonne seuils : « *:0,2 » : au-delà du dernier seuil, l'item vaut toujours 0 point ; écrivez *:0 ou omettez-le.",
      "ligne 8, colonne unité : unité manquante pour un item de type mesure (par exemple secondes).",
      "ligne 9, colonne seuils : des seuils ne s'indiquent que pour un item de type mesure.",
    ]);
  });

  it("refuses a duplicate code (case ignored), a bad weight and empty required cells", () => {
    const errors = errorsOf(
      parse([
        good.yesNo,
        "tel-acc-01;Doublon;telephone;acces;accessibilite;oui_non;1;;;AFNOR",
        "TEL-ACC-05;Poids décimal;telephone;acces;accessibilite;oui_non;2,5;;;AFNOR",
        "TEL ACC 06;;telephone;acces;accessibilite;oui_non;1;;;",
      ]),
    );
    expect(errors).toEqual([
      "ligne 3, colonne code : TEL-ACC-01 figure déjà à la ligne 2 : chaque code d'item est unique.",
      "ligne 4, colonne poids : « 2,5 » n'est pas un poids valable : un entier de 1 à 1000.",
      "ligne 5, colonne code : le code d'item ne contient que des lettres sans accent, des chiffres, « - », « _ » ou « . » (par exemple TEL-ACC-01).",
      "ligne 5, colonne libellé : libellé manquant.",
      "ligne 5, colonne source : source manquante (par exemple Qualivilles, Services Publics+, Marianne ou AFNOR).",
    ]);
  });

  it("counts lines of the file, not records, and flags an unquoted separator", () => {
    const errors = errorsOf(parse([good.yesNo, "", `TEL-ACC-02;"Deux\nlignes";telephone;acces;reactivite;oui_non;1;;;AFNOR`, "TEL-ACC-03;Trop;telephone;acces;reactivite;oui_non;1;;;AFNOR;en trop"]));
    expect(errors).toEqual(["ligne 6 : plus de valeurs que de colonnes : une valeur contenant « ; » doit être entre guillemets."]);
  });

  it("writes a file it reads back identically, spreadsheet formula guard included", () => {
    const items = referentialFixtureItems(400);
    items[0] = { ...items[0]!, label: "=SOMME(A1) n'est pas une formule", source: "@AFNOR" };
    const csv = referentialToCsv(items);
    expect(csv.split("\r\n")[0]).toBe(`\uFEFF${header}`);
    expect(csv).toContain("TEL-ACC-03;Nombre de sonneries avant le décroché;telephone;acces;reactivite;mesure;2;sonneries;2:1|4:0,75|5:0,5|8:0,2;AFNOR");
    const result = parseReferentialCsv(Buffer.from(csv, "utf8"), determinants);
    expect(result.ok && result.items).toEqual(items);
    expect(result.ok && diffReferential(items, result.items)).toEqual({ added: [], changed: [], removed: [], unchanged: 400 });
  });

  it("parses the 400-item fixture quickly into items the scoring accepts", () => {
    const started = performance.now();
    const result = parseReferentialCsv(referentialFixtureCsv(), determinants);
    expect(performance.now() - started).toBeLessThan(1000);
    if (!result.ok) throw new Error(result.errors.join("\n"));
    expect(result.items).toHaveLength(400);
    expect(new Set(result.items.map((i) => i.determinant)).size).toBe(20);
    expect(() => scoreStructure(result.items.map((i) => ({ ...i, thresholds: i.thresholds ?? undefined })), [], [])).not.toThrow();
  });
});

describe("thresholds", () => {
  it("round-trip through their CSV form", () => {
    const thresholds = [
      { upTo: 2.5, points: 1 },
      { upTo: 10, points: 0.125 },
    ];
    expect(formatThresholds(thresholds)).toBe("2,5:1|10:0,125");
    expect(parseThresholds("2,5:1|10:0,125")).toEqual({ ok: true, thresholds });
    expect(parseThresholds("5:1|10:0,1234567")).toEqual({ ok: false, message: "« 10:0,1234567 » : six décimales au plus pour la part des points." });
  });

  it("read in French, in points out of the item's weight", () => {
    expect(describeThresholds([{ upTo: 1, points: 1 }, { upTo: 4, points: 0.75 }, { upTo: 8, points: 0.2 }], "sonneries", 2)).toEqual([
      "≤ 1 sonnerie : 2 pts",
      "≤ 4 sonneries : 1,5 pt",
      "≤ 8 sonneries : 0,4 pt",
      "au-delà de 8 sonneries : 0 pt",
    ]);
    expect(describeThresholds([{ upTo: 1.5, points: 1 }], "jours ouvrés", 1)).toEqual(["≤ 1,5 jour ouvré : 1 pt", "au-delà de 1,5 jour ouvré : 0 pt"]);
  });
});

describe("the difference between two referentials", () => {
  it("lists added, changed and removed codes", () => {
    const [a, b, c] = referentialFixtureItems(3);
    expect(diffReferential([a!, b!], [{ ...b!, weight: b!.weight + 1 }, c!])).toEqual({ added: [c!.code], changed: [b!.code], removed: [a!.code], unchanged: 0 });
  });
});
