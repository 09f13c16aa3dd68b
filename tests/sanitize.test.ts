import { describe, expect, it } from "vitest";
import { HTML_BOUNDS, sanitizeMessageHtml, showRemoteImages } from "@/lib/mail/sanitize";
import { textLinks } from "@/lib/mail/text-links";

const clean = (html: string, remoteImages = false) => {
  const safe = sanitizeMessageHtml(html)?.html;
  return safe !== undefined && remoteImages ? showRemoteImages(safe) : safe;
};

/** Hostile HTML in the spirit of the Roundcube, SOGo and DOMPurify corpora, with what must come out. */
const corpus: [name: string, dirty: string, expected: string][] = [
  ["script tag", `<p>a</p><script>alert(1)</script>`, `<p>a</p>`],
  ["script split across case", `<ScRiPt>alert(1)</sCrIpT>ok`, `ok`],
  ["onerror", `<img src="x" onerror="alert(1)" alt="y">`, `<img alt="y" />`],
  ["onload on body", `<body onload="alert(1)"><p>b</p></body>`, `<p>b</p>`],
  ["onmouseover", `<div onmouseover="alert(1)">c</div>`, `<div>c</div>`],
  ["javascript: link", `<a href="javascript:alert(1)">x</a>`, `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  ["mixed-case javascript:", `<a href="JaVaScRiPt:alert(1)">x</a>`, `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  [
    "entity-encoded javascript:",
    `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>`,
    `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`,
  ],
  ["hex entities and tab", `<a href="jav&#x09;ascript&#x3A;alert(1)">x</a>`, `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  ["leading control character", `<a href="&#1;javascript:alert(1)">x</a>`, `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  ["vbscript:", `<a href="vbscript:msgbox(1)">x</a>`, `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  [
    "data:text/html link",
    `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
    `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`,
  ],
  ["relative link", `<a href="/logout">x</a>`, `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  ["protocol-relative image", `<img src="//tracker.invalid/p.gif">`, `<img />`],
  ["data:text/html image", `<img src="data:text/html,<script>alert(1)</script>">`, `<img />`],
  ["SVG data image", `<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">`, `<img />`],
  [
    "svg animate href",
    `<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text y="20">t</text></a></svg>`,
    `<a target="_blank" rel="noopener noreferrer nofollow">t</a>`,
  ],
  [
    "svg set xlink:href",
    `<svg><a xlink:href="#"><set attributeName="xlink:href" to="javascript:alert(1)"/>s</a></svg>`,
    `<a target="_blank" rel="noopener noreferrer nofollow">s</a>`,
  ],
  ["svg onload", `<svg onload="alert(1)"></svg>`, ``],
  ["MathML", `<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">m</maction></math>`, `m`],
  ["MathML mglyph confusion", `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`, `<table></table>`],
  [
    "base href",
    `<base href="https://evil.invalid/"><a href="https://ok.example/">x</a>`,
    `<a href="https://ok.example/" target="_blank" rel="noopener noreferrer nofollow">x</a>`,
  ],
  ["meta refresh", `<meta http-equiv="refresh" content="0;url=https://evil.invalid/">r`, `r`],
  ["link stylesheet", `<link rel="stylesheet" href="https://evil.invalid/a.css">l`, `l`],
  [
    "style block with @import",
    `<style>@import url(https://evil.invalid/a.css); p{background:url(https://evil.invalid/t)}</style><p>p</p>`,
    `<p>p</p>`,
  ],
  ["url() in style attribute", `<p style="background-image:url(https://evil.invalid/t.gif);color:red">p</p>`, `<p style="color:red">p</p>`],
  ["background shorthand with url()", `<div style="background:url('https://evil.invalid/t.gif')">d</div>`, `<div>d</div>`],
  ["expression() in style", `<div style="width:expression(alert(1))">d</div>`, `<div>d</div>`],
  ["escaped url in style", `<div style="color:u\\72l(https://evil.invalid/)">d</div>`, `<div>d</div>`],
  ["position overlay", `<div style="position:fixed;top:0">d</div>`, `<div>d</div>`],
  [
    "form, input and button formaction",
    `<form action="https://evil.invalid/"><input name="p" value="v"><button formaction="javascript:alert(1)">go</button></form>`,
    `go`,
  ],
  ["textarea and select", `<textarea>t</textarea><select><option>o</option></select>x`, `x`],
  ["iframe", `<iframe src="https://evil.invalid/"></iframe>i`, `i`],
  ["object and embed", `<object data="https://evil.invalid/x.swf"></object><embed src="https://evil.invalid/x.swf">o`, `o`],
  [
    "srcset",
    `<img src="data:image/png;base64,iVBORw0KGgo=" srcset="https://evil.invalid/2x.png 2x">`,
    `<img src="data:image/png;base64,iVBORw0KGgo=" />`,
  ],
  [
    "background attribute",
    `<table background="https://evil.invalid/bg.gif"><tr><td background="https://evil.invalid/c.gif">c</td></tr></table>`,
    `<table><tr><td>c</td></tr></table>`,
  ],
  ["class, id and data attributes", `<p class="x" id="y" data-z="1">p</p>`, `<p>p</p>`],
  ["head and title", `<html><head><title>t</title></head><body><p>b</p></body></html>`, `<p>b</p>`],
  ["comment tricks", `<!--<img src=x onerror=alert(1)>--><p>c</p>`, `<p>c</p>`],
  ["noscript mXSS", `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`, ``],
];

describe("received HTML sanitiser", () => {
  it.each(corpus)("%s", (_name, dirty, expected) => {
    expect(clean(dirty)).toBe(expected);
  });

  it("keeps ordinary formatting, tables, lists and safe links", () => {
    const html = `<p style="color: #333; font-size: 14px">Bonjour <b>Docteur</b>,</p><ul><li>un</li></ul><table border="1"><tr><td colspan="2">c</td></tr></table><a href="mailto:a@b.mssante.fr">écrire</a>`;
    expect(clean(html)).toBe(
      `<p style="color:#333;font-size:14px">Bonjour <b>Docteur</b>,</p><ul><li>un</li></ul><table border="1"><tr><td colspan="2">c</td></tr></table><a href="mailto:a@b.mssante.fr" target="_blank" rel="noopener noreferrer nofollow">écrire</a>`,
    );
  });

  it("keeps inline raster images", () => {
    expect(clean(`<img src="data:image/png;base64,iVBORw0KGgo=" alt="logo">`)).toBe(
      `<img alt="logo" src="data:image/png;base64,iVBORw0KGgo=" />`,
    );
  });

  it("blocks remote images and counts them, then shows them when asked", () => {
    const html = `<img src="http://tracker.invalid/pixel.gif" alt="a"><img src=" https://cdn.invalid/logo.png"><img src="cid:logo@x">`;
    const blocked = sanitizeMessageHtml(html)!;
    expect(blocked).toEqual({
      html: `<img data-remote-src="http://tracker.invalid/pixel.gif" alt="a" /><img data-remote-src="https://cdn.invalid/logo.png" /><img />`,
      blockedImages: 2,
    });
    expect(showRemoteImages(blocked.html)).toBe(
      `<img src="http://tracker.invalid/pixel.gif" alt="a" /><img src="https://cdn.invalid/logo.png" /><img />`,
    );
  });

  it("shows only the images it blocked itself: a sender's own address-in-waiting or lookalike text stays inert", () => {
    const html = `<img data-remote-src="javascript:alert(1)" alt="a"><p data-remote-src="https://x.invalid/">p</p><p>&lt;img data-remote-src="https://x.invalid/"&gt;</p><img src="javascript:alert(1)">`;
    const shown = showRemoteImages(sanitizeMessageHtml(html)!.html);
    expect(shown).toBe(`<img alt="a" /><p>p</p><p>&lt;img data-remote-src="https://x.invalid/"&gt;</p><img />`);
  });

  it("never lets remote CSS through, even when images are allowed", () => {
    const html = `<style>@import "https://evil.invalid/a.css";</style><div style="background-image:url(https://evil.invalid/t.gif)">d</div>`;
    expect(clean(html, true)).toBe(`<div>d</div>`);
  });
});

describe("the work one received HTML body may cost", () => {
  const nested = (n: number) => `${"<div>".repeat(n)}x${"</div>".repeat(n)}`;
  // The counts, not the clock, decide here: an hour of budget.
  const shown = (html: string) => sanitizeMessageHtml(html, { budgetMs: 3_600_000 }) !== null;

  it("gives up on the issue's 100,000 nested elements (500 KB) at once, instead of seconds of parsing", () => {
    const started = performance.now();
    expect(sanitizeMessageHtml("<div>".repeat(100_000))).toBeNull();
    expect(performance.now() - started).toBeLessThan(100);
  });

  it("shows nesting up to the bound and not one level more", () => {
    expect(clean(nested(HTML_BOUNDS.depth))).toBe(nested(HTML_BOUNDS.depth));
    expect(shown(nested(HTML_BOUNDS.depth + 1))).toBe(false);
  });

  it("counts the nesting the parser builds: unclosed paragraphs, list items, cells and void elements do not nest", () => {
    for (const run of ["<p>a", "<li>a", "<tr><td>a", "<td>a<td>b", "<br>", "<img alt=a>", "</span>", "</p>"])
      expect(shown(run.repeat(HTML_BOUNDS.depth * 4)), run).toBe(true);
  });

  it("counts elements up to the bound, allowed or not", () => {
    expect(shown("<b>x</b>".repeat(HTML_BOUNDS.elements))).toBe(true);
    expect(shown("<b>x</b>".repeat(HTML_BOUNDS.elements + 1))).toBe(false);
    expect(shown("<blink>x</blink>".repeat(HTML_BOUNDS.elements + 1))).toBe(false);
  });

  it("refuses an element with more attributes, or a longer style, than the bounds", () => {
    const attributes = (n: number) => `<p ${Array.from({ length: n }, (_, i) => `data-a${i}="1"`).join(" ")}>p</p>`;
    expect(shown(attributes(HTML_BOUNDS.attributes))).toBe(true);
    expect(shown(attributes(HTML_BOUNDS.attributes + 1))).toBe(false);
    const style = (n: number) => `<p style="${"color:red;".repeat(n / 10)}">p</p>`;
    expect(shown(style(HTML_BOUNDS.styleChars))).toBe(true);
    expect(shown(style(HTML_BOUNDS.styleChars + 10))).toBe(false);
  });

  it("refuses HTML longer than the bound", () => {
    expect(shown("x".repeat(HTML_BOUNDS.chars))).toBe(true);
    expect(shown("x".repeat(HTML_BOUNDS.chars + 1))).toBe(false);
  });

  it("stops once its time budget is spent, between tags and between runs of text", () => {
    expect(sanitizeMessageHtml("<p>a</p>", { budgetMs: -1 })).toBeNull();
    expect(sanitizeMessageHtml("a &amp; b", { budgetMs: -1 })).toBeNull();
    // A million entities and no tag: one run of text each.
    const started = performance.now();
    expect(sanitizeMessageHtml("&amp;".repeat(1_000_000), { budgetMs: 20 })).toBeNull();
    expect(performance.now() - started).toBeLessThan(100);
  });
});

describe("links in plain text", () => {
  it("looks for links within its time budget, and shows the rest of a long text without them", () => {
    const hostile = "a@b.".repeat(250_000); // a million characters linkify is slowest on
    const started = performance.now();
    expect(
      textLinks(hostile)
        .map((p) => p.text)
        .join(""),
    ).toBe(hostile);
    expect(performance.now() - started).toBeLessThan(100);
    const long = `${"du texte, encore ".repeat(20_000)}https://ex.mssante.fr/fin`;
    expect(textLinks(long, 3_600_000).at(-1)).toEqual({ text: "https://ex.mssante.fr/fin", href: "https://ex.mssante.fr/fin" });
    expect(textLinks(long, -1)).toEqual([{ text: long }]);
  });

  it("finds links across the pieces it reads the text in", () => {
    const text = `${"mot ".repeat(1500)}https://ex.mssante.fr/a ${"x".repeat(9000)} www.chu.fr`;
    expect(
      textLinks(text, 3_600_000)
        .filter((p) => p.href)
        .map((p) => p.href),
    ).toEqual(["https://ex.mssante.fr/a", "http://www.chu.fr"]);
  });

  it("cuts text into escaped runs and http, https or mailto links only", () => {
    expect(textLinks("Voir https://ex.mssante.fr/a?b=1. <b>gras</b> javascript:alert(1) ftp://x.fr www.chu.fr ou a@b.mssante.fr")).toEqual([
      { text: "Voir " },
      { text: "https://ex.mssante.fr/a?b=1", href: "https://ex.mssante.fr/a?b=1" },
      { text: ". <b>gras</b> javascript:alert(1) ftp://x.fr " },
      { text: "www.chu.fr", href: "http://www.chu.fr" },
      { text: " ou " },
      { text: "a@b.mssante.fr", href: "mailto:a@b.mssante.fr" },
    ]);
  });
});
