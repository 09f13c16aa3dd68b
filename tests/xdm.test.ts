import { describe, expect, it } from "vitest";
import { readableSubject, readXdm, XDM_LIMITS, xdmToSend } from "@/lib/mail/xdm";
import { dischargeXdm, metadataXml, zipOf } from "./xdm-fixture";

describe("reading an IHE_XDM.ZIP", () => {
  it("lists the documents its METADATA.XML describes: title, type, date, patient INS", async () => {
    expect(await readXdm(await dischargeXdm())).toEqual({
      ok: true,
      documents: [
        {
          title: "Lettre de liaison à la sortie",
          type: "Lettre de liaison à la sortie d'un établissement de soins",
          typeCode: "11490-0",
          createdAt: "2026-11-20T14:30:00Z",
          ins: "255081416802538",
          insKind: "NIR",
        },
      ],
    });
  });

  it("tells a NIA from a NIR, and reads several documents", async () => {
    const zip = await zipOf({
      "IHE_XDM/SUBSET01/METADATA.XML": metadataXml([
        {
          title: "Compte rendu opératoire",
          type: "CR opératoire",
          creationTime: "20261101",
          ins: "294037512000591",
          root: "1.2.250.1.213.1.4.9",
        },
        {
          title: "Ordonnance d&apos;examens &#233;chographiques",
          type: "Prescription",
          creationTime: "20261101",
          ins: "294037512000591",
          root: "1.2.250.1.213.1.4.9",
        },
      ]),
    });
    const reading = await readXdm(zip);
    expect(reading.ok && reading.documents.map((d) => [d.title, d.insKind, d.createdAt])).toEqual([
      ["Compte rendu opératoire", "NIA", "2026-11-01T00:00:00Z"],
      ["Ordonnance d'examens échographiques", "NIA", "2026-11-01T00:00:00Z"],
    ]);
  });

  it("refuses a zip bomb from its directory, before inflating it", async () => {
    const zip = await zipOf({
      "IHE_XDM/SUBSET01/METADATA.XML": metadataXml([]),
      "IHE_XDM/SUBSET01/BOMB.XML": Buffer.alloc(XDM_LIMITS.entryBytes + 1),
    });
    expect(zip.length).toBeLessThan(100_000);
    const started = performance.now();
    expect(await readXdm(zip)).toEqual({ ok: false, reason: "ses fichiers, une fois décompressés, seraient trop volumineux." });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("refuses too many entries, a path climbing out, a file that is no zip, and an archive without metadata", async () => {
    const many = Object.fromEntries(Array.from({ length: XDM_LIMITS.entries + 1 }, (_, i) => [`IHE_XDM/SUBSET01/F${i}.XML`, "x"]));
    expect(await readXdm(await zipOf(many))).toEqual({ ok: false, reason: `elle contient plus de ${XDM_LIMITS.entries} fichiers.` });
    // yazl refuses to write such a name: patch one in, of the same length, in both headers.
    const climbing = await zipOf({ "IHE_XDM/XX/METADATA.XML": metadataXml([]) });
    const patched = Buffer.from(climbing.toString("latin1").replaceAll("IHE_XDM/XX/", "IHE_XDM/../"), "latin1");
    expect(await readXdm(patched)).toEqual({ ok: false, reason: "un de ses fichiers porte un chemin absolu ou qui sort de l'archive." });
    expect(await readXdm(Buffer.from("%PDF-1.4 not a zip"))).toEqual({ ok: false, reason: "ce n'est pas une archive ZIP lisible." });
    expect(await readXdm(await zipOf({ "README.TXT": "x" }))).toEqual({
      ok: false,
      reason: "elle ne contient pas de fichier METADATA.XML.",
    });
  });

  it("hides the XDM subject prefix", () => {
    expect(readableSubject("XDM/1.0/DDM+Lettre de liaison DUPONT Jean 19550101")).toBe("Lettre de liaison DUPONT Jean 19550101");
    expect(readableSubject("Compte rendu")).toBe("Compte rendu");
    expect(readableSubject("RE : XDM/1.0/DDM+Lettre de liaison")).toBe("RE : Lettre de liaison");
    expect(readableSubject("TR : RE: XDM/1.0/DDM+CR")).toBe("TR : RE: CR");
    expect(readableSubject("Avis XDM/1.0/DDM+x")).toBe("Avis XDM/1.0/DDM+x");
  });

  describe("an archive software sends", () => {
    const doc = { title: "CR", type: "CR opératoire", creationTime: "20261101", code: "34874-1" };
    const archive = (documents: Parameters<typeof metadataXml>[0]) => zipOf({ "IHE_XDM/SUBSET01/METADATA.XML": metadataXml(documents) });

    it("gives X-MSS-CODECDA from each document's code and X-MSS-INS when the patient is named by INS", async () => {
      expect(await xdmToSend(await dischargeXdm())).toEqual({ ok: true, mss: { codeCda: ["11490-0"], ins: "O" } });
      const two = await archive([
        { ...doc, ins: "294037512000591" },
        { ...doc, code: "57833-6", ins: "294037512000591" },
      ]);
      expect(await xdmToSend(two)).toEqual({ ok: true, mss: { codeCda: ["34874-1", "57833-6"], ins: "O" } });
    });

    it("refuses two patients, an INS with a wrong key, no document, and what cannot be read", async () => {
      const refused = async (bytes: Buffer) => {
        const result = await xdmToSend(bytes);
        return result.ok ? null : result.reason;
      };
      expect(
        await refused(
          await archive([
            { ...doc, ins: "294037512000591" },
            { ...doc, ins: "255081416802538" },
          ]),
        ),
      ).toContain("plusieurs patients");
      expect(await refused(await archive([{ ...doc, ins: "294037512000592" }]))).toContain("« 294037512000592 »");
      expect(await refused(await archive([]))).toContain("aucun document");
      expect(await refused(Buffer.from("pas une archive"))).toBe("ce n'est pas une archive ZIP lisible.");
    });
  });
});
