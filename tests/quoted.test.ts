import { describe, expect, it } from "vitest";
import { splitQuoted } from "@/lib/mail/quoted";

describe("quoted text of a plain-text body", () => {
  it("is cut into what was written and the runs of quoted lines, in order, losing nothing", () => {
    const body = "Merci, c'est noté.\n\nLe 3 mars, Dr Martin a écrit :\n> Bonjour,\n>> plus ancien\n> fin\nCordialement";
    const parts = splitQuoted(body);
    expect(parts).toEqual([
      { quoted: false, text: "Merci, c'est noté.\n\nLe 3 mars, Dr Martin a écrit :" },
      { quoted: true, text: "> Bonjour,\n>> plus ancien\n> fin" },
      { quoted: false, text: "Cordialement" },
    ]);
    expect(parts.map((p) => p.text).join("\n")).toBe(body);
  });

  it("leaves a body without quotes whole", () => {
    expect(splitQuoted("a > b\nc")).toEqual([{ quoted: false, text: "a > b\nc" }]);
  });
});
