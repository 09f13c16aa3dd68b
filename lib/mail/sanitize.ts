import sanitizeHtml from "sanitize-html";
import { isLinkUrl, schemeOf } from "./link-url";

/** Every link of a message opens in a new tab that cannot reach back nor learn where it came from. */
export const LINK_TARGET = { target: "_blank", rel: "noopener noreferrer nofollow" } as const;
const REMOTE_SCHEMES = ["http:", "https:"];
// Raster images only: an SVG data URL is a document that can carry scripts and links.
const INLINE_IMAGE = /^data:image\/(?:png|jpeg|gif|webp)[;,]/i;

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
  "a",
  "abbr",
  "address",
  "b",
  "bdi",
  "bdo",
  "blockquote",
  "br",
  "caption",
  "center",
  "cite",
  "code",
  "col",
  "colgroup",
  "dd",
  "del",
  "dfn",
  "div",
  "dl",
  "dt",
  "em",
  "figcaption",
  "figure",
  "font",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "i",
  "img",
  "ins",
  "kbd",
  "li",
  "mark",
  "ol",
  "p",
  "pre",
  "q",
  "s",
  "samp",
  "small",
  "span",
  "strike",
  "strong",
  "sub",
  "sup",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "time",
  "tr",
  "tt",
  "u",
  "ul",
  "var",
  "wbr",
];
const CELL = ["align", "valign", "width", "height", "colspan", "rowspan", "bgcolor"];

export type SafeHtml = { html: string; blockedImages: number };

/**
 * The work one received HTML body may cost, whoever sent it. htmlparser2 (under
 * sanitize-html) keeps its open elements at the front of an array, so parsing is
 * quadratic in the nesting depth: 100,000 nested elements (500 KB) took 5 s of
 * CPU while every other request waited; and each element costs sanitize-html
 * several microseconds, each character of a style attribute a CSS parse.
 * Chromium itself flattens anything nested deeper than 512 levels.
 */
export const HTML_BOUNDS = {
  /** Characters of HTML, inline images included: a page carries them twice (its HTML and React's payload). */
  chars: 2_000_000,
  /** Elements open at once. */
  depth: 256,
  /** Elements in all: a long newsletter has a few thousand (about what Gmail shows before clipping). */
  elements: 10_000,
  /** Attributes of one element. */
  attributes: 64,
  /** Characters of one style attribute. */
  styleChars: 10_000,
  /** Milliseconds, when shown: a backstop for what the counts above do not foresee. */
  displayMs: 100,
  /** Milliseconds, once on receipt: generous, so that a busy machine does not turn an ordinary message into a fallback for good. */
  receiptMs: 1000,
};

const TOO_COMPLEX = Symbol("too complex");

/** Where a blocked remote image keeps its address, first of its attributes, until the reader asks to see it. */
const BLOCKED_SRC = "data-remote-src";
const BLOCKED_IMAGE = `<img ${BLOCKED_SRC}="`;

/**
 * The sanitised form with its remote images shown. No parsing: in
 * sanitize-html's output "<" only ever opens a tag it wrote and every
 * BLOCKED_SRC was written first by the img transform below from a checked
 * http(s) address, so renaming the attribute is all there is to do.
 */
export const showRemoteImages = (html: string) => html.replaceAll(BLOCKED_IMAGE, '<img src="');

/**
 * Received HTML reduced to an allowlist of formatting, tables, lists, links
 * and images. Remote images are blocked (and counted), their address kept
 * aside for showRemoteImages; remote CSS never survives (no <style>, no
 * <link>, no url() in style). Null, as soon as a bound is crossed, for HTML
 * beyond HTML_BOUNDS or taking longer than `budgetMs`.
 */
export function sanitizeMessageHtml(dirty: string, { budgetMs = HTML_BOUNDS.displayMs } = {}): SafeHtml | null {
  if (dirty.length > HTML_BOUNDS.chars) return null;
  const deadline = performance.now() + budgetMs;
  const inTime = () => {
    if (performance.now() > deadline) throw TOO_COMPLEX;
  };
  let depth = 0;
  let elements = 0;
  let blockedImages = 0;
  try {
    const html = sanitizeHtml(dirty, {
      // Called by the parser for every tag, allowed or not, before any work on it.
      onOpenTag: (_name, attribs) => {
        depth++;
        elements++;
        if (
          depth > HTML_BOUNDS.depth ||
          elements > HTML_BOUNDS.elements ||
          Object.keys(attribs).length > HTML_BOUNDS.attributes ||
          (attribs.style?.length ?? 0) > HTML_BOUNDS.styleChars
        )
          throw TOO_COMPLEX;
        inTime();
      },
      onCloseTag: () => {
        depth--;
      },
      // Text comes in runs (each entity is one): the clock is checked between them too.
      textFilter: (text) => {
        inTime();
        return text;
      },
      allowedTags: TAGS,
      allowedAttributes: {
        "*": ["dir", "lang", "title", "align", "style"],
        a: ["href", "target", "rel"],
        img: ["src", BLOCKED_SRC, "alt", "width", "height"],
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
      nonTextTags: [
        "script",
        "style",
        "textarea",
        "option",
        "noscript",
        "title",
        "template",
        "iframe",
        "noembed",
        "noframes",
        "xmp",
        "select",
      ],
      transformTags: {
        a: (tagName, attribs) => {
          const { href, ...rest } = attribs;
          return { tagName, attribs: { ...rest, ...(isLinkUrl(href) ? { href } : {}), ...LINK_TARGET } };
        },
        img: (tagName, attribs) => {
          // A sender's own BLOCKED_SRC never survives: only this transform writes one.
          const { src, [BLOCKED_SRC]: _forged, ...rest } = attribs;
          const url = src?.trim();
          if (REMOTE_SCHEMES.includes(schemeOf(url) ?? "")) {
            blockedImages++;
            return { tagName, attribs: { [BLOCKED_SRC]: url!, ...rest } };
          }
          return { tagName, attribs: url && INLINE_IMAGE.test(url) ? { ...rest, src: url } : rest };
        },
      },
    });
    return { html, blockedImages };
  } catch (error) {
    if (error === TOO_COMPLEX) return null;
    throw error;
  }
}
