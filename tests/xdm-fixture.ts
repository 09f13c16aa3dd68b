import yazl from "yazl";

/** An ebRIM METADATA.XML with one DocumentEntry per document, as the ANS's samples lay it out (docs/domain.md §4). */
export function metadataXml(documents: { title: string; type: string; creationTime: string; ins: string; root?: string; code?: string }[]) {
  const entries = documents
    .map(
      (d, i) => `
    <rim:ExtrinsicObject id="Document${i}" mimeType="text/xml" objectType="urn:uuid:7edca82f-054d-47f2-a032-9b2a5b5186c1">
      <rim:Slot name="creationTime"><rim:ValueList><rim:Value>${d.creationTime}</rim:Value></rim:ValueList></rim:Slot>
      <rim:Slot name="sourcePatientId"><rim:ValueList><rim:Value>${d.ins}^^^&amp;${d.root ?? "1.2.250.1.213.1.4.8"}&amp;ISO</rim:Value></rim:ValueList></rim:Slot>
      <rim:Name><rim:LocalizedString value="${d.title}"/></rim:Name>
      <rim:Classification classificationScheme="urn:uuid:f0306f51-975f-434e-a61c-c59651d33983" classifiedObject="Document${i}" nodeRepresentation="${d.code ?? "11490-0"}">
        <rim:Name><rim:LocalizedString value="${d.type}"/></rim:Name>
      </rim:Classification>
      <rim:ExternalIdentifier identificationScheme="urn:uuid:58a6f841-87b3-4a3e-92fd-a8ffeff98427" value="${d.ins}^^^&amp;${d.root ?? "1.2.250.1.213.1.4.8"}&amp;ISO" registryObject="Document${i}"/>
    </rim:ExtrinsicObject>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<lcm:SubmitObjectsRequest xmlns:lcm="urn:oasis:names:tc:ebxml-regrep:xsd:lcm:3.0" xmlns:rim="urn:oasis:names:tc:ebxml-regrep:xsd:rim:3.0">
  <rim:RegistryObjectList>${entries}
  </rim:RegistryObjectList>
</lcm:SubmitObjectsRequest>`;
}

/** A ZIP of these entries (name → content), built by yazl. */
export function zipOf(entries: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(entries)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
}

/** A discharge letter's archive: INDEX.HTM, README.TXT, the metadata and the CDA. */
export const dischargeXdm = () =>
  zipOf({
    "INDEX.HTM": "<html><body>Index</body></html>",
    "README.TXT": "Archive IHE XDM",
    "IHE_XDM/SUBSET01/METADATA.XML": metadataXml([
      {
        title: "Lettre de liaison à la sortie",
        type: "Lettre de liaison à la sortie d'un établissement de soins",
        creationTime: "20261120143000",
        ins: "255081416802538",
      },
    ]),
    "IHE_XDM/SUBSET01/DOC0001.XML": "<ClinicalDocument/>",
  });
