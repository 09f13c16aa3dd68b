import { convert } from "html-to-text";

/**
 * The text part of a message written with formatting: what a reader without
 * HTML sees, faithful to it (list items keep their marks, links their
 * address, quotes their "> ", tables their columns). html-to-text parses;
 * nothing here reads HTML by hand.
 */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: "a", options: { hideLinkHrefIfSameAsText: true, linkBrackets: ["<", ">"] } },
      { selector: "ul", options: { itemPrefix: "- " } },
      // The editor puts a paragraph in each item and cell: no blank line between them.
      { selector: "li > p", format: "inline" },
      { selector: "td > p", format: "inline" },
      { selector: "th > p", format: "inline" },
      { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
      { selector: "img", format: "skip" },
    ],
  });
}
