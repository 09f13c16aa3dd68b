import { escapeHtml } from "@/lib/html-escape";

/** Plain text as paragraphs of HTML, for the editor: a blank line starts a new one, a line break stays one. */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll("\n", "<br>")}</p>`)
    .join("");
}
