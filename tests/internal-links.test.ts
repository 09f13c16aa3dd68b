import { describe, expect, it } from "vitest";
import { composeHrefFor, internalMailtoLinks } from "@/lib/mail/internal-links";

const BOX = "7d1e6c0a-0000-4000-8000-000000000001";

describe("addresses in a message open this webmail's compose", () => {
  it("turns a mailto: link into compose from the open box, its address encoded", () => {
    expect(composeHrefFor("mailto:claire.martin@msp-duval.mssante.fr", BOX)).toBe(
      `/m/${BOX}/compose?to=claire.martin%40msp-duval.mssante.fr`,
    );
    expect(composeHrefFor("MAILTO:secretariat%2Bcardio@ch-troispics.mssante.fr?subject=RDV", BOX)).toBe(
      `/m/${BOX}/compose?to=secretariat%2Bcardio%40ch-troispics.mssante.fr`,
    );
  });

  it("leaves alone what names no address: other schemes, an empty or malformed mailto:", () => {
    for (const href of ["https://esante.gouv.fr", "mailto:", "mailto:%E0%A4%A", "mailto:a b@c.fr", "mailto:sans-arobase"])
      expect(composeHrefFor(href, BOX)).toBeNull();
  });

  it("rewrites the mailto: links of sanitised HTML and nothing else", () => {
    const html =
      '<p><a href="mailto:jean.dupont@ch-troispics.mssante.fr?subject=A&amp;body=B" target="_blank">Dr Dupont</a> ' +
      '<a href="https://esante.gouv.fr" target="_blank">ANS</a> mailto:texte@seul.fr</p>';
    expect(internalMailtoLinks(html, BOX)).toBe(
      `<p><a href="/m/${BOX}/compose?to=jean.dupont%40ch-troispics.mssante.fr" target="_blank">Dr Dupont</a> ` +
        '<a href="https://esante.gouv.fr" target="_blank">ANS</a> mailto:texte@seul.fr</p>',
    );
  });
});
