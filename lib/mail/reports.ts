import libmime from "libmime";
import PostalMime from "postal-mime";

/** One recipient's line of a delivery status notification (RFC 3464 §2.3). */
export type DeliveryReport = {
  kind: "delivery";
  originalMessageId: string | null;
  recipients: { address: string; action: string; status: string; diagnostic: string | null }[];
};
/** A disposition notification (RFC 8098 §3.2): the message was displayed, or not, by `recipient`. */
export type DispositionReport = { kind: "disposition"; originalMessageId: string | null; recipient: string | null; displayed: boolean };
export type Report = DeliveryReport | DispositionReport;

const first = (fields: Record<string, string[]>, name: string) => fields[name]?.[0]?.trim() ?? null;
/** `rfc822; x@y` → `x@y` (the address type is always rfc822 between mail servers). */
const typed = (value: string | null) =>
  value
    ?.replace(/^[^;]*;\s*/, "")
    .replace(/^<|>$/g, "")
    .trim()
    .toLowerCase() ?? null;

/** Field blocks of a report part, separated by blank lines, read with libmime's header parser (folding, case). */
function blocks(text: string) {
  return text
    .replace(/\r\n/g, "\n")
    .split(/\n\s*\n/)
    .filter((b) => b.trim())
    .map((b) => libmime.decodeHeaders(b) as Record<string, string[]>);
}

function messageIdOf(headersText: string | null): string | null {
  if (!headersText) return null;
  const head = headersText.replace(/\r\n/g, "\n").split(/\n\s*\n/)[0];
  return first(libmime.decodeHeaders(head) as Record<string, string[]>, "message-id");
}

/**
 * A delivery or disposition report from another operator (multipart/report,
 * RFC 6522), read by a maintained MIME parser; anything else is null.
 */
export async function readReport(raw: Buffer): Promise<Report | null> {
  const email = await PostalMime.parse(raw, { attachmentEncoding: "utf8" });
  const part = (type: string) => email.attachments.find((a) => a.mimeType.toLowerCase() === type)?.content as string | undefined;
  const original = part("message/rfc822") ?? part("text/rfc822-headers") ?? null;
  const status = part("message/delivery-status");
  if (status) {
    const [, ...perRecipient] = blocks(status);
    return {
      kind: "delivery",
      originalMessageId: messageIdOf(original) ?? email.inReplyTo ?? null,
      recipients: perRecipient
        .map((f) => ({
          address: typed(first(f, "original-recipient")) ?? typed(first(f, "final-recipient")) ?? "",
          action: (first(f, "action") ?? "").toLowerCase(),
          status: first(f, "status") ?? "",
          diagnostic: first(f, "diagnostic-code")?.replace(/^[^;]*;\s*/, "") ?? null,
        }))
        .filter((r) => r.address),
    };
  }
  const disposition = part("message/disposition-notification");
  if (disposition) {
    const [fields = {}] = blocks(disposition);
    return {
      kind: "disposition",
      originalMessageId: first(fields, "original-message-id") ?? messageIdOf(original),
      // The address the message was sent to, as for a delivery report; Final-Recipient is required, Original-Recipient optional.
      recipient: typed(first(fields, "original-recipient")) ?? typed(first(fields, "final-recipient")),
      displayed: /\bdisplayed\b/i.test(first(fields, "disposition") ?? ""),
    };
  }
  return null;
}
