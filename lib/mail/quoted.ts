/** A plain-text body cut into what was written and the runs of quoted lines ("> …") it carries. */
export function splitQuoted(text: string): { quoted: boolean; text: string }[] {
  const parts: { quoted: boolean; text: string }[] = [];
  for (const line of text.split("\n")) {
    const quoted = /^\s*>/.test(line);
    const last = parts.at(-1);
    if (last && last.quoted === quoted) last.text += `\n${line}`;
    else parts.push({ quoted, text: line });
  }
  return parts;
}
