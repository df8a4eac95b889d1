import { describe, expect, it } from "vitest";
import { renderPracticeMarkdown } from "./markdown";

describe("renderPracticeMarkdown", () => {
  it("renders paragraphs, lists, emphasis and links", () => {
    const html = renderPracticeMarkdown("Un **accueil** partagé.\n\n- un\n- deux\n\n[Guide](https://www.example.fr/guide)");
    expect(html).toContain("<strong>accueil</strong>");
    expect(html).toContain("<li>un</li>");
    expect(html).toContain('<a href="https://www.example.fr/guide" rel="noopener noreferrer">Guide</a>');
  });

  it("escapes raw HTML: no script tag, no event handler attribute", () => {
    const html = renderPracticeMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\nTexte <b onclick="x()">gras</b>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b /i);
    expect(html).toContain("&lt;script&gt;");
  });

  it("drops javascript: and data: links and images", () => {
    const html = renderPracticeMarkdown("[clic](javascript:alert(1)) [cas](JaVaScRiPt:alert(1)) [d](data:text/html;base64,PHNjcmlwdD4=) ![x](javascript:alert(1))");
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/href="data:/i);
    expect(html).not.toMatch(/src="javascript:/i);
    expect(html).not.toMatch(/<a /);
  });
});
