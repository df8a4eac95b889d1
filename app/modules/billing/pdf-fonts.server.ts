import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Font } from "@react-pdf/renderer";

/*
 * Fonts embedded in our PDFs. PDF/A (hence Factur-X, PDF/A-3) forbids the 14 standard fonts that
 * viewers substitute (Helvetica…): every glyph must come from a font embedded in the file. DejaVu
 * Sans (free licence, full Latin coverage incl. the narrow no-break space of fr-FR numbers) ships
 * with the npm package dejavu-fonts-ttf; react-pdf embeds the subset a document uses.
 */

export const PDF_FONT = "DejaVuSans";
export const PDF_FONT_BOLD = "DejaVuSans-Bold";

/** The folder of the TTF files: resolved through Node's resolution (dev, tests and the production build), else from the working directory. */
export function dejavuFontDir(): string {
  const candidates: string[] = [];
  try {
    candidates.push(path.dirname(createRequire(import.meta.url).resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")));
  } catch {
    // Not resolvable from this file's location (an unusual bundle layout): try the working directory below.
  }
  candidates.push(path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf"));
  const dir = candidates.find((candidate) => existsSync(path.join(candidate, "DejaVuSans.ttf")));
  if (!dir) throw new Error(`Police DejaVu Sans introuvable (paquet dejavu-fonts-ttf) : cherchée dans ${candidates.join(", ")}`);
  return dir;
}

let registered = false;

/** Registers the fonts with react-pdf once per process (idempotent). */
export function registerPdfFonts() {
  if (registered) return;
  const dir = dejavuFontDir();
  Font.register({ family: PDF_FONT, src: path.join(dir, "DejaVuSans.ttf") });
  Font.register({ family: PDF_FONT_BOLD, src: path.join(dir, "DejaVuSans-Bold.ttf") });
  registered = true;
}
