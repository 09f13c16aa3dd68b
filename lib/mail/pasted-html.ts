/**
 * What Word and LibreOffice put on the clipboard, made plain before the
 * editor reads it: their style sheets, XML islands and Office tags go, and
 * Word's list paragraphs (a bullet or number typed as text in an
 * "mso-list:Ignore" span) become real lists. The editor keeps only what its
 * schema knows (no style, class or font), and the server cleans again.
 * The browser's own parser reads the HTML.
 */
export function cleanPastedHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  for (const junk of doc.querySelectorAll("style, script, meta, link, title, xml")) junk.remove();
  // Office's namespaced tags (<o:p>, <v:shape>…): their text stays, the tags go.
  for (const office of [...doc.body.querySelectorAll("*")].filter((e) => e.tagName.includes(":"))) office.replaceWith(...office.childNodes);
  wordLists(doc);
  return doc.body.innerHTML;
}

const isWordListItem = (e: Element) => e.tagName === "P" && /mso-list:\s*l\d/i.test(e.getAttribute("style") ?? "");

function wordLists(doc: Document) {
  let list: HTMLElement | null = null;
  for (const paragraph of [...doc.body.querySelectorAll("p")]) {
    if (!isWordListItem(paragraph)) {
      list = null;
      continue;
    }
    const marker = paragraph.querySelector('span[style*="mso-list:Ignore" i]');
    const ordered = /^\s*\w{1,4}[.)]/.test(marker?.textContent ?? "");
    marker?.remove();
    // A new list where the previous paragraph was not an item of one, or the kind changes.
    const previous = list?.nextElementSibling === paragraph ? list : null;
    if (!previous || previous.tagName !== (ordered ? "OL" : "UL")) {
      list = doc.createElement(ordered ? "ol" : "ul");
      paragraph.before(list);
    }
    const item = doc.createElement("li");
    item.append(...paragraph.childNodes);
    paragraph.remove();
    list!.append(item);
  }
}
