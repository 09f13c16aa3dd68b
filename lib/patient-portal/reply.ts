import nodemailer from "nodemailer";
import type { ReceivedMessage, SentReply } from "./store";
import type { Credentials } from "./tls";

/** The webmail's SMTP border as the portal reaches it, and the authorities its certificate chains to. */
export type WebmailPeer = { host: string; port: number; ca: Buffer };

const replySubject = (subject: string) => (/^re\s*:/i.test(subject) ? subject : `RE: ${subject}`);

/**
 * The patient's answer, sent as the patients' operator sends it: over
 * STARTTLS to the webmail's SMTP port, its certificate verified, threaded on
 * the message answered. Returns what the webmail said.
 */
export async function sendReply(
  webmail: WebmailPeer,
  credentials: Credentials,
  original: ReceivedMessage,
  text: string,
): Promise<Omit<SentReply, "id">> {
  const subject = replySubject(original.subject);
  const transport = nodemailer.createTransport({
    host: webmail.host,
    port: webmail.port,
    secure: false,
    requireTLS: true,
    name: "localhost",
    connectionTimeout: 10_000,
    // The portal's certificate doubles as its client certificate, for a webmail that asks for one.
    tls: { minVersion: "TLSv1.2", rejectUnauthorized: true, ca: webmail.ca, ...credentials },
  });
  const references = [...original.references, ...(original.messageId ? [original.messageId] : [])];
  const answer = await transport
    .sendMail({
      from: original.patient,
      to: original.replyTo,
      subject,
      text,
      ...(original.messageId ? { inReplyTo: original.messageId } : {}),
      ...(references.length > 0 ? { references } : {}),
    })
    .then(
      (info) => ({ outcome: "accepted" as const, text: info.response }),
      (error: { response?: string; responseCode?: number; message: string }) =>
        error.responseCode
          ? { outcome: "refused" as const, text: error.response ?? error.message }
          : { outcome: "unreachable" as const, text: error.message },
    )
    .finally(() => transport.close());
  return { kind: "sent", patient: original.patient, to: original.replyTo, date: new Date().toISOString(), subject, text, answer };
}
