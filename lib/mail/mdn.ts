import MimeNode from "nodemailer/lib/mime-node";
import type { AddressEntry } from "@/db/schema";
import type { MessageCopy } from "./deliver";
import { PRODUCT_NIL } from "./mime";

// nodemailer parses this back and encodes it; a quote, backslash or line break in a display name would only get in its way.
const mailbox = (a: AddressEntry) => `"${(a.name ?? "").replace(/["\\\r\n]/g, "")}" <${a.address}>`;

/**
 * A read receipt for another operator (RFC 8098): the French text for people
 * and the machine-readable disposition that marks the writer's copy "lu",
 * built as MIME by nodemailer. Auto-Submitted (RFC 3834) so no one answers it.
 */
export function buildReceipt(receipt: MessageCopy, originalMessageId: string): Promise<Buffer> {
  const root = new MimeNode("multipart/report; report-type=disposition-notification");
  root.setHeader({
    From: mailbox(receipt.from),
    To: receipt.to.map(mailbox).join(", "),
    Subject: receipt.subject,
    "Message-ID": receipt.messageId,
    "In-Reply-To": originalMessageId,
    References: receipt.references.join(" "),
    "Auto-Submitted": "auto-replied",
    "X-MSS-NIL": PRODUCT_NIL,
    Date: (receipt.sentAt ?? new Date()).toUTCString(),
  });
  root.createChild("text/plain").setContent(receipt.bodyText);
  const disposition = [
    `Reporting-UA: ${receipt.from.address.split("@")[1]}; ${PRODUCT_NIL}`,
    `Final-Recipient: rfc822; ${receipt.from.address}`,
    `Original-Message-ID: ${originalMessageId}`,
    // Sent because the person chose to (she clicked "Envoyer l'accusé"), after the message was shown.
    "Disposition: manual-action/MDN-sent-manually; displayed",
    "",
  ].join("\r\n");
  root.createChild("message/disposition-notification").setHeader("Content-Transfer-Encoding", "7bit").setContent(disposition);
  return root.build();
}
