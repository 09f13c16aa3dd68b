import { buildMime } from "@/lib/mail/mime";

/** A plain message from one of our boxes to a colleague at another operator, as it leaves (RFC 5322 bytes). */
export function outgoingMessage(
  from: { address: string; displayName: string },
  { subject = "Compte rendu", messageId = `<${crypto.randomUUID()}@ch-troispics.mssante.fr>` } = {},
) {
  return buildMime({
    messageId,
    inReplyTo: null,
    references: [],
    from: { address: from.address, name: from.displayName },
    sender: null,
    to: [{ address: "confrere@ch-ailleurs.mssante.fr", name: null }],
    cc: [],
    subject,
    text: "Bonjour, voici le compte rendu.\n".repeat(20),
    date: new Date(),
    receiptTo: null,
    attachments: [],
  });
}
