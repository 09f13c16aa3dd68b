import { describe, expect, it } from "vitest";
import { sanitizeMessageHtml } from "@/lib/mail/sanitize";
import { textLinks } from "@/lib/mail/text-links";

const clean = (html: string, remoteImages = false) => sanitizeMessageHtml(html, { remoteImages }).html;

/** Hostile HTML in the spirit of the Roundcube, SOGo and DOMPurify corpora, with what must come out. */
const corpus: [name: string, dirty: string, expected: string][] = [
  ["script tag", `<p>a</p><script>alert(1)</script>`, `<p>a</p>`],
  ["script split across case", `<ScRiPt>alert(1)</sCrIpT>ok`, `ok`],
  ["onerror", `<img src="x" onerror="alert(1)" alt="y">`, `<img alt="y" />`],
  ["onload on body", `<body onload="alert(1)"><p>b</p></body>`, `<p>b</p>`],
  ["onmouseover", `<div onmouseover="alert(1)">c</div>`, `<div>c</div>`],
  ["javascript: link", `<a href="javascript:alert(1)">x</a>`, `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  ["mixed-case javascript:", `<a href="JaVaScRiPt:alert(1)">x</a>`, `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  ["entity-encoded javascript:", `<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>`, `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  ["hex entities and tab", `<a href="jav&#x09;ascript&#x3A;alert(1)">x</a>`, `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  ["leading control character", `<a href="&#1;javascript:alert(1)">x</a>`, `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  ["vbscript:", `<a href="vbscript:msgbox(1)">x</a>`, `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  ["data:text/html link", `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`, `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  ["relative link", `<a href="/logout">x</a>`, `<a target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  ["protocol-relative image", `<img src="//tracker.invalid/p.gif">`, `<img />`],
  ["data:text/html image", `<img src="data:text/html,<script>alert(1)</script>">`, `<img />`],
  ["SVG data image", `<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">`, `<img />`],
  ["svg animate href", `<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text y="20">t</text></a></svg>`, `<a target="_blank" rel="noopener noreferrer nofollow">t</a>`],
  ["svg set xlink:href", `<svg><a xlink:href="#"><set attributeName="xlink:href" to="javascript:alert(1)"/>s</a></svg>`, `<a target="_blank" rel="noopener noreferrer nofollow">s</a>`],
  ["svg onload", `<svg onload="alert(1)"></svg>`, ``],
  ["MathML", `<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">m</maction></math>`, `m`],
  ["MathML mglyph confusion", `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`, `<table></table>`],
  ["base href", `<base href="https://evil.invalid/"><a href="https://ok.example/">x</a>`, `<a href="https://ok.example/" target="_blank" rel="noopener noreferrer nofollow">x</a>`],
  ["meta refresh", `<meta http-equiv="refresh" content="0;url=https://evil.invalid/">r`, `r`],
  ["link stylesheet", `<link rel="stylesheet" href="https://evil.invalid/a.css">l`, `l`],
  ["style block with @import", `<style>@import url(https://evil.invalid/a.css); p{background:url(https://evil.invalid/t)}</style><p>p</p>`, `<p>p</p>`],
  ["url() in style attribute", `<p style="background-image:url(https://evil.invalid/t.gif);color:red">p</p>`, `<p style="color:red">p</p>`],
  ["background shorthand with url()", `<div style="background:url('https://evil.invalid/t.gif')">d</div>`, `<div>d</div>`],
  ["expression() in style", `<div style="width:expression(alert(1))">d</div>`, `<div>d</div>`],
  ["escaped url in style", `<div style="color:u\\72l(https://evil.invalid/)">d</div>`, `<div>d</div>`],
  ["position overlay", `<div style="position:fixed;top:0">d</div>`, `<div>d</div>`],
  ["form, input and button formaction", `<form action="https://evil.invalid/"><input name="p" value="v"><button formaction="javascript:alert(1)">go</button></form>`, `go`],
  ["textarea and select", `<textarea>t</textarea><select><option>o</option></select>x`, `x`],
  ["iframe", `<iframe src="https://evil.invalid/"></iframe>i`, `i`],
  ["object and embed", `<object data="https://evil.invalid/x.swf"></object><embed src="https://evil.invalid/x.swf">o`, `o`],
  ["srcset", `<img src="data:image/png;base64,iVBORw0KGgo=" srcset="https://evil.invalid/2x.png 2x">`, `<img src="data:image/png;base64,iVBORw0KGgo=" />`],
  ["background attribute", `<table background="https://evil.invalid/bg.gif"><tr><td background="https://evil.invalid/c.gif">c</td></tr></table>`, `<table><tr><td>c</td></tr></table>`],
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
    expect(clean(`<img src="data:image/png;base64,iVBORw0KGgo=" alt="logo">`)).toBe(`<img alt="logo" src="data:image/png;base64,iVBORw0KGgo=" />`);
  });

  it("blocks remote images and counts them, then allows them when asked", () => {
    const html = `<img src="http://tracker.invalid/pixel.gif" alt="a"><img src="https://cdn.invalid/logo.png"><img src="cid:logo@x">`;
    expect(sanitizeMessageHtml(html, { remoteImages: false })).toEqual({ html: `<img alt="a" /><img /><img />`, blockedImages: 2 });
    expect(sanitizeMessageHtml(html, { remoteImages: true })).toEqual({
      html: `<img alt="a" src="http://tracker.invalid/pixel.gif" /><img src="https://cdn.invalid/logo.png" /><img />`,
      blockedImages: 0,
    });
  });

  it("never lets remote CSS through, even when images are allowed", () => {
    const html = `<style>@import "https://evil.invalid/a.css";</style><div style="background-image:url(https://evil.invalid/t.gif)">d</div>`;
    expect(clean(html, true)).toBe(`<div>d</div>`);
  });
});

describe("links in plain text", () => {
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
