import { XMLParser } from "fast-xml-parser";
import yauzl from "yauzl";
import { fr } from "@/lib/i18n/fr";
import type { MssDocumentHeaders } from "./deliver";
import { isValidInsMatricule } from "./ins";

/** The subject prefix of a structured-document message (docs/domain.md §4), hidden in the UI, also after "RE :" or "TR :". */
const XDM_PREFIX = /^((?:\s*(?:re|tr|fwd?)\s*:\s*)*)XDM\/1\.0\/DDM\+\s*/i;
export const readableSubject = (subject: string) => subject.replace(XDM_PREFIX, "$1");

export const isXdmArchive = (filename: string) => filename.toUpperCase() === "IHE_XDM.ZIP";

/** What an archive may hold before it is refused unread: a real one is a few files of a few hundred KB. */
export const XDM_LIMITS = {
  entries: 200,
  entryBytes: 20 * 1024 * 1024,
  totalBytes: 50 * 1024 * 1024,
  ratio: 100,
  metadataBytes: 5 * 1024 * 1024,
};

export type XdmDocument = {
  title: string;
  type: string | null;
  /** The document's type code (the CDA `code`, a LOINC code): what X-MSS-CODECDA carries. */
  typeCode: string | null;
  createdAt: string | null;
  ins: string | null;
  insKind: "NIR" | "NIA" | null;
};
export type XdmReading = { ok: true; documents: XdmDocument[] } | { ok: false; reason: string };

const METADATA = /^IHE_XDM\/[^/]+\/METADATA\.XML$/i;
// IHE XDS.b identifiers of the DocumentEntry's type code and patient id.
const TYPE_CODE = "urn:uuid:f0306f51-975f-434e-a61c-c59651d33983";
const PATIENT_ID = "urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427";
// The INS namespaces: the NIR, and the NIA given while a NIR is pending.
const INS_ROOTS: Record<string, "NIR" | "NIA"> = { "1.2.250.1.213.1.4.8": "NIR", "1.2.250.1.213.1.4.9": "NIA" };

class Refused extends Error {}

/**
 * Read the documents an IHE_XDM.ZIP describes, without trusting it: entry
 * count, sizes and compression ratio are checked from the central directory
 * before anything is inflated, paths that climb out or are absolute are
 * refused by yauzl, and only METADATA.XML is read, within a byte budget.
 */
export async function readXdm(bytes: Buffer): Promise<XdmReading> {
  try {
    const metadata = await metadataOf(bytes);
    if (!metadata) return { ok: false, reason: fr.xdm.noMetadata };
    return { ok: true, documents: documentsOf(metadata) };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, reason: error.message };
    // yauzl refuses an entry whose path is absolute or climbs out of the archive.
    return { ok: false, reason: /relative path|absolute path/.test(String(error)) ? fr.xdm.badPath : fr.xdm.unreadable };
  }
}

function metadataOf(bytes: Buffer): Promise<string | null> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error("zip"));
      if (zip.entryCount > XDM_LIMITS.entries) return reject(new Refused(fr.xdm.tooManyEntries(XDM_LIMITS.entries)));
      let total = 0;
      let found: string | null = null;
      zip.on("error", reject);
      zip.on("end", () => resolve(found));
      zip.on("entry", (entry: yauzl.Entry) => {
        total += entry.uncompressedSize;
        const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
        if (
          entry.uncompressedSize > XDM_LIMITS.entryBytes ||
          total > XDM_LIMITS.totalBytes ||
          (ratio > XDM_LIMITS.ratio && entry.uncompressedSize > 1024 * 1024)
        ) {
          zip.close();
          return reject(new Refused(fr.xdm.tooLarge));
        }
        if (!METADATA.test(entry.fileName) || found !== null) return zip.readEntry();
        if (entry.uncompressedSize > XDM_LIMITS.metadataBytes) return reject(new Refused(fr.xdm.tooLarge));
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error("entry"));
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            found = Buffer.concat(chunks).toString("utf8");
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

type Node = Record<string, unknown>;
const list = (value: unknown): Node[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Node[];
// XML's own five entities and character references, decoded by hand: the parser expands none, so a DOCTYPE can't either.
const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const decode = (text: string) =>
  text.replace(/&(#x[\da-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(Number(e[1].toLowerCase() === "x" ? `0${e.slice(1)}` : e.slice(1))) : XML_ENTITIES[e.toLowerCase()],
  );
const localized = (node: Node | undefined) => {
  const value = list((node?.Name as Node | undefined)?.LocalizedString)[0]?.["@_value"];
  return typeof value === "string" ? decode(value) : null;
};
const slot = (object: Node, name: string) =>
  (list((list(object.Slot).find((s) => s["@_name"] === name)?.ValueList as Node | undefined)?.Value)[0] as unknown as string | undefined) ??
  null;

/** YYYYMMDD[hhmm[ss]] (HL7 TS, UTC) as ISO 8601, or null. */
function hl7Time(value: string | null): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?/.exec(value ?? "");
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? "00"}:${m[5] ?? "00"}:${m[6] ?? "00"}Z` : null;
}

function documentsOf(xml: string): XdmDocument[] {
  const parser = new XMLParser({
    ignoreAttributes: false,
    removeNSPrefix: true,
    // No entity expansion from a sender's file (the CX separators arrive as &amp;, matched as written).
    processEntities: false,
    isArray: (name) => ["ExtrinsicObject", "Slot", "Value", "Classification", "ExternalIdentifier", "LocalizedString"].includes(name),
  });
  const root = parser.parse(xml) as Node;
  const registry = ((root.SubmitObjectsRequest as Node | undefined)?.RegistryObjectList as Node | undefined) ?? {};
  return list(registry.ExtrinsicObject).map((object) => {
    const type = list(object.Classification).find((c) => c["@_classificationScheme"] === TYPE_CODE);
    const patient = list(object.ExternalIdentifier).find((x) => x["@_identificationScheme"] === PATIENT_ID);
    const id = /^([^^]+)\^\^\^&(?:amp;)?([\d.]+)&(?:amp;)?ISO$/.exec(String(patient?.["@_value"] ?? slot(object, "sourcePatientId") ?? ""));
    return {
      title: localized(object) ?? fr.xdm.untitled,
      type: localized(type),
      typeCode: typeof type?.["@_nodeRepresentation"] === "string" ? decode(type["@_nodeRepresentation"]) : null,
      createdAt: hl7Time(slot(object, "creationTime")),
      ins: id?.[1] ?? null,
      insKind: id ? (INS_ROOTS[id[2]] ?? null) : null,
    };
  });
}

/**
 * An archive software sends (docs/domain.md §4): readable within the limits,
 * describing at least one document, about one patient whose INS is valid.
 * Its documents give the message's MSSanté headers.
 */
export async function xdmToSend(bytes: Buffer): Promise<{ ok: true; mss: MssDocumentHeaders } | { ok: false; reason: string }> {
  const reading = await readXdm(bytes);
  if (!reading.ok) return reading;
  const { documents } = reading;
  if (documents.length === 0) return { ok: false, reason: fr.xdm.noDocument };
  const patients = [...new Set(documents.flatMap((d) => (d.ins ? [d.ins.toUpperCase()] : [])))];
  if (patients.length > 1) return { ok: false, reason: fr.xdm.severalPatients };
  const invalid = patients.find((ins) => !isValidInsMatricule(ins));
  if (invalid) return { ok: false, reason: fr.xdm.invalidIns(invalid) };
  return {
    ok: true,
    mss: {
      codeCda: [...new Set(documents.flatMap((d) => (d.typeCode ? [d.typeCode] : [])))],
      ins: documents.every((d) => d.ins && d.insKind) ? "O" : "N",
    },
  };
}
