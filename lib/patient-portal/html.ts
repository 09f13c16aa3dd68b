import { escapeHtml } from "@/lib/html-escape";

/** Markup already escaped: what `html` returns, and the only thing it inserts as is. */
export class Html {
  constructor(readonly text: string) {}
  toString() {
    return this.text;
  }
}

type Part = Html | string | number | null | undefined | false | Part[];

const render = (part: Part): string =>
  part instanceof Html
    ? part.text
    : Array.isArray(part)
      ? part.map(render).join("")
      : part == null || part === false
        ? ""
        : escapeHtml(String(part));

/** A template whose every interpolation is escaped unless it is itself `html`: mail text can never become markup. */
export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < parts.length ? render(parts[i]) : ""), ""));
}
