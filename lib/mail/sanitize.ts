import sanitizeHtml from "sanitize-html";

/** Schemes a link may open; anything else (javascript:, data:, relative…) loses its href. */
const LINK_SCHEMES = ["http:", "https:", "mailto:"];
/** Every link of a message opens in a new tab that cannot reach back nor learn where it came from. */
export const LINK_TARGET = { target: "_blank", rel: "noopener noreferrer nofollow" } as const;
const REMOTE_SCHEMES = ["http:", "https:"];
// Raster images only: an SVG data URL is a document that can carry scripts and links.
const INLINE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp)[;,]/i;

/**
 * The scheme of an absolute URL as a browser reads it (the URL parser drops
 * tabs, newlines and surrounding controls, so "java\tscript:" is caught), or
 * null for a relative or unparseable one — relative URLs would resolve
 * against the app's own origin from inside a srcdoc iframe.
 */
function schemeOf(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).protocol.toLowerCase();
  } catch {
    return null;
  }
}

export const isLinkUrl = (href: string | undefined) => LINK_SCHEMES.includes(schemeOf(href) ?? "");

// Style values without parentheses, colons, backslashes or "@": no url(), expression(), image-set(), escapes or imports.
const PLAIN_VALUE = [/^[\w\s#.,%'"-]*$/];
const STYLE_PROPERTIES = [
  "color",
  "background-color",
  "font-family",
  "font-size",
  "font-style",
  "font-weight",
  "text-align",
  "text-decoration",
  "text-indent",
  "line-height",
  "vertical-align",
  "white-space",
  "width",
  "height",
  "max-width",
  "margin",
  "margin-top",
  "margin-right",
  "margin-bottom",
  "margin-left",
  "padding",
  "padding-top",
  "padding-right",
  "padding-bottom",
  "padding-left",
  "border",
  "border-top",
  "border-right",
  "border-bottom",
  "border-left",
  "border-collapse",
  "border-color",
  "border-style",
  "border-width",
  "list-style-type",
];

const TAGS = [
  "a", "abbr", "address", "b", "bdi", "bdo", "blockquote", "br", "caption", "center", "cite", "code", "col", "colgroup",
  "dd", "del", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
  "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
  "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
];
const CELL = ["align", "valign", "width", "height", "colspan", "rowspan", "bgcolor"];

export type SafeHtml = { html: string; blockedImages: number };

/**
 * Received HTML reduced to an allowlist of formatting, tables, lists, links
 * and images. Remote images are dropped (and counted) unless the person asked
 * for them; remote CSS never survives (no <style>, no <link>, no url() in style).
 */
export function sanitizeMessageHtml(dirty: string, { remoteImages }: { remoteImages: boolean }): SafeHtml {
  let blockedImages = 0;
  const html = sanitizeHtml(dirty, {
    allowedTags: TAGS,
    allowedAttributes: {
      "*": ["dir", "lang", "title", "align", "style"],
      a: ["href", "target", "rel"],
      img: ["src", "alt", "width", "height"],
      font: ["color", "size", "face"],
      table: ["width", "border", "cellpadding", "cellspacing", "bgcolor", "summary"],
      td: CELL,
      th: [...CELL, "scope"],
      tr: ["align", "valign", "bgcolor"],
      col: ["span", "width"],
      colgroup: ["span", "width"],
      ol: ["start", "type", "reversed"],
      li: ["value"],
      blockquote: ["cite"],
      q: ["cite"],
      time: ["datetime"],
    },
    allowedStyles: { "*": Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, PLAIN_VALUE])) },
    // Checked again by sanitize-html after our own URL checks below.
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https", "data"] },
    allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
    allowProtocolRelative: false,
    // Dropped with their content, not just their tags.
    nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "template", "iframe", "noembed", "noframes", "xmp", "select"],
    transformTags: {
      a: (tagName, attribs) => {
        const { href, ...rest } = attribs;
        return { tagName, attribs: { ...rest, ...(isLinkUrl(href) ? { href } : {}), ...LINK_TARGET } };
      },
      img: (tagName, attribs) => {
        const { src, ...rest } = attribs;
        const remote = REMOTE_SCHEMES.includes(schemeOf(src) ?? "");
        if (remote && !remoteImages) blockedImages++;
        const keep = src && (INLINE_IMAGE.test(src.trim()) || (remote && remoteImages));
        return { tagName, attribs: keep ? { ...rest, src: src.trim() } : rest };
      },
    },
  });
  return { html, blockedImages };
}
