import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  decodeCsv,
  detectDelimiter,
  hasExtraCells,
  importLineSchema,
  mapHeader,
  namedCells,
  normaliseLabel,
  parseChannel,
  parseFrenchDate,
  readCsvRows,
} from "./import-format";

describe("decoding", () => {
  it("reads UTF-8 with and without BOM, and Windows-1252, with accents intact", () => {
    const text = "commentaire\nAgent très aimable, accueil à l'écoute\n";
    expect(decodeCsv(Buffer.from(text, "utf8"))).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]))).toEqual({ text, encoding: "utf-8" });
    expect(decodeCsv(iconv.encode(text, "win1252"))).toEqual({ text, encoding: "windows-1252" });
    expect(decodeCsv(iconv.encode("œuvre – « oui » €", "win1252")).text).toBe("œuvre – « oui » €");
  });
  it("turns Windows and old Mac line endings into \\n", () => {
    expect(decodeCsv(Buffer.from("a\r\nb\rc\n")).text).toBe("a\nb\nc\n");
  });
});

describe("delimiter", () => {
  it("follows the header line, ignoring quoted text", () => {
    expect(detectDelimiter("siret;numero_audit;canal\n1,2,3,4")).toBe(";");
    expect(detectDelimiter("siret,numero_audit,canal\n1;2")).toBe(",");
    expect(detectDelimiter('"a;b;c",d,e')).toBe(",");
    expect(detectDelimiter("seule")).toBe(";");
  });
});

describe("headers", () => {
  it("ignores case, accents and spacing", () => {
    expect(normaliseLabel("  Numéro d'audit ")).toBe("numero_d_audit");
    const mapped = mapHeader(["SIRET", "N° audit", "Canal", "Date", "Code item", "Valeur", "Commentaire"]);
    expect(mapped).toEqual({ ok: true, columns: { siret: 0, numero_audit: 1, canal: 2, date: 3, code_item: 4, valeur: 5, commentaire: 6 } });
  });
  it("names what is missing, in French", () => {
    const mapped = mapHeader(["numero_audit", "canal", "date", "code_item"]);
    expect(mapped.ok).toBe(false);
    if (mapped.ok) return;
    expect(mapped.errors).toContain("ligne 1 : il faut une colonne siret ou structure (identifiant de la structure).");
    expect(mapped.errors).toContain("ligne 1 : la colonne valeur est absente.");
  });
  it("refuses a column given twice", () => {
    const mapped = mapHeader(["structure", "slug", "numero_audit", "canal", "date", "code_item", "valeur"]);
    expect(mapped.ok).toBe(false);
  });
});

describe("channels and dates", () => {
  it("reads channel codes and French labels", () => {
    expect(parseChannel("Téléphone")).toBe("telephone");
    expect(parseChannel("TELEPHONE")).toBe("telephone");
    expect(parseChannel("Courrier postal")).toBe("courrier");
    expect(parseChannel("Réseaux sociaux et avis en ligne")).toBe("reseaux_sociaux");
    expect(parseChannel("site internet")).toBe("site");
    expect(parseChannel("accueil_physique")).toBe("accueil_physique");
    expect(parseChannel("e-mail")).toBe("courriel");
    expect(parseChannel("pigeon voyageur")).toBeNull();
  });
  it("reads JJ/MM/AAAA dates and refuses impossible ones", () => {
    expect(parseFrenchDate("05/06/2027")).toBe("2027-06-05");
    expect(parseFrenchDate("5/6/2027")).toBe("2027-06-05");
    expect(parseFrenchDate("29/02/2028")).toBe("2028-02-29");
    expect(parseFrenchDate("29/02/2027")).toBeNull();
    expect(parseFrenchDate("31/04/2027")).toBeNull();
    expect(parseFrenchDate("2027-06-05")).toBeNull();
    expect(parseFrenchDate("06/05/27")).toBeNull();
  });
});

describe("records", () => {
  it("numbers lines as in the file, even after blank lines and multi-line comments", () => {
    const text = 'a;b\n1;2\n\n3;"ligne un\nligne deux"\n4;5\n;\n6;7\n';
    const parsed = readCsvRows(text, ";");
    expect(parsed).toEqual({
      ok: true,
      rows: [
        { line: 1, cells: ["a", "b"] },
        { line: 2, cells: ["1", "2"] },
        { line: 4, cells: ["3", "ligne un\nligne deux"] },
        { line: 6, cells: ["4", "5"] },
        { line: 8, cells: ["6", "7"] },
      ],
    });
  });
  it("reports a broken quote with its line", () => {
    expect(readCsvRows('a;b\n1;2\n3;"ouvert\n4;5\n6;7\n', ";")).toEqual({ ok: false, error: "ligne 3 : un guillemet ouvert n'est jamais fermé." });
  });
  it("spots an unquoted separator in a value", () => {
    expect(hasExtraCells(["1", "2", "5"], 3)).toBe(false);
    expect(hasExtraCells(["1", "2"], 3)).toBe(false);
    expect(hasExtraCells(["1", "2", "5", ""], 3)).toBe(true);
    expect(hasExtraCells(["1", "2", "5", "3"], 3)).toBe(true);
  });
});

describe("line schema", () => {
  const columns = { structure: 0, numero_audit: 1, canal: 2, date: 3, code_item: 4, valeur: 5, commentaire: 6 };
  it("parses a good line", () => {
    const result = importLineSchema.safeParse(namedCells(["lambersart", "3", "Téléphone", "12/05/2027", "TEL-ACC-01", "oui", "  "], columns));
    expect(result.success && result.data).toEqual({
      siret: "",
      structure: "lambersart",
      numero_audit: 3,
      canal: "telephone",
      date: "2027-05-12",
      code_item: "TEL-ACC-01",
      valeur: "oui",
      commentaire: null,
    });
  });
  it("names each wrong column with a French message", () => {
    const result = importLineSchema.safeParse(namedCells(["lambersart", "14", "fax", "31/02/2027", "TEL-ACC-01", ""], columns));
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((issue) => [issue.path[0], issue.message]);
    expect(issues).toEqual([
      ["numero_audit", "« 14 » n'est pas un numéro d'audit valable : un entier de 1 à 13."],
      ["canal", expect.stringMatching(/^« fax » n'est pas un canal connu : Téléphone, Courriel/)],
      ["date", "« 31/02/2027 » n'est pas une date valable au format JJ/MM/AAAA."],
      ["valeur", "valeur manquante."],
    ]);
  });
  it("needs a SIRET or a structure identifier", () => {
    const result = importLineSchema.safeParse(namedCells(["", "1", "telephone", "12/05/2027", "TEL-ACC-01", "oui"], columns));
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => [issue.path[0], issue.message])).toEqual([["structure", "indiquez le SIRET ou l'identifiant de la structure."]]);
  });
});
