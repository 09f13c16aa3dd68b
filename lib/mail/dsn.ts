import MimeNode from "nodemailer/lib/mime-node";
import { fr } from "@/lib/i18n/fr";
import { formatDateTime } from "@/lib/i18n/format";
import { newMessageId } from "./deliver";

export type Failure = {
  /** The sending box (envelope sender) that gets the report. */
  to: string;
  recipient: string;
  /** The remote server's answer, or what went wrong on the way there. */
  response: string;
  remoteMta: string | null;
  /** Gave up after the retry window rather than on a permanent refusal. */
  expired: boolean;
  attempts: number;
  firstAttempt: Date;
  lastAttempt: Date;
  original: { messageId: string; subject: string; raw: Buffer };
  reportingMta: string;
};

/** The enhanced status code of an SMTP answer (RFC 3463), or a generic one. */
export function statusOf(response: string, expired: boolean): string {
  const found = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(response)?.[1];
  if (expired) return found?.startsWith("4") ? found : "4.4.7";
  return found?.startsWith("5") ? found : "5.0.0";
}

/**
 * A delivery status notification (RFC 3464) in French: a text for people,
 * the machine-readable status, and the original message. Built as MIME by
 * nodemailer; sent from the null sender with Auto-Submitted (RFC 3834), so no
 * report is ever answered by another.
 */
export async function buildBounce(f: Failure): Promise<Buffer> {
  const domain = f.to.split("@")[1];
  const t = fr.bounces;
  const root = new MimeNode("multipart/report; report-type=delivery-status");
  root.setHeader({
    From: `"${t.from}" <mailer-daemon@${domain}>`,
    To: f.to,
    Subject: t.subject(f.original.subject),
    "Message-ID": newMessageId(f.to),
    References: f.original.messageId,
    "In-Reply-To": f.original.messageId,
    "Auto-Submitted": "auto-replied",
    Date: f.lastAttempt.toUTCString(),
  });
  root
    .createChild("text/plain")
    .setContent(
      [
        t.intro(f.original.subject, f.recipient),
        f.expired ? t.expired(f.attempts, formatDateTime(f.firstAttempt)) : t.refused(f.recipient.split("@")[1]),
        t.response(f.response),
        t.advice,
      ].join("\n\n"),
    );
  const status = [
    `Reporting-MTA: dns; ${f.reportingMta}`,
    `Arrival-Date: ${f.firstAttempt.toUTCString()}`,
    "",
    `Final-Recipient: rfc822; ${f.recipient}`,
    "Action: failed",
    `Status: ${statusOf(f.response, f.expired)}`,
    ...(f.remoteMta ? [`Remote-MTA: dns; ${f.remoteMta}`] : []),
    `Diagnostic-Code: smtp; ${f.response.replace(/[\r\n]+/g, " ")}`,
    `Last-Attempt-Date: ${f.lastAttempt.toUTCString()}`,
    "",
  ].join("\r\n");
  root.createChild("message/delivery-status").setHeader("Content-Transfer-Encoding", "7bit").setContent(status);
  root
    .createChild("message/rfc822", { filename: fr.bounces.originalName })
    .setHeader("Content-Transfer-Encoding", "8bit")
    .setContent(f.original.raw);
  return root.build();
}
