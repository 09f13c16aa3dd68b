import { simpleParser, type AddressObject } from "mailparser";
import { SMTPServer } from "smtp-server";
import { isPatientAddress } from "@/lib/mail/patient-address";
import { fr } from "./fr";
import type { Credentials } from "./tls";
import type { PortalStore } from "./store";

/** Mon espace santé takes 25 MB of attachments to a patient; this leaves room for base64 and headers. */
const MAX_BYTES = 36 * 1024 * 1024;

const refusal = (code: number, text: string) => Object.assign(new Error(text), { responseCode: code });

const firstAddress = (field: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(field) ? field[0] : field)?.value[0]?.address ?? "";

/** The patients' operator's SMTP server: STARTTLS first, patient addresses only, each message kept for its patient. */
export function createPortalSmtpServer(store: PortalStore, credentials: Credentials) {
  const server = new SMTPServer({
    name: "localhost",
    banner: fr.smtpBanner,
    ...credentials,
    minVersion: "TLSv1.2",
    size: MAX_BYTES,
    disabledCommands: ["AUTH"],
    authOptional: true,
    logger: false,
    onMailFrom(_address, session, callback) {
      callback(session.secure ? undefined : refusal(530, `5.7.0 ${fr.smtpTlsRequired}`));
    },
    onRcptTo(address, _session, callback) {
      callback(isPatientAddress(address.address) ? undefined : refusal(550, `5.1.1 ${fr.smtpNotPatient}`));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (stream.sizeExceeded) return callback(refusal(552, `5.3.4 ${fr.smtpTooLarge}`));
        simpleParser(Buffer.concat(chunks))
          .then((mail) => {
            const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
            const references = typeof mail.references === "string" ? [mail.references] : (mail.references ?? []);
            for (const rcpt of session.envelope.rcptTo)
              store.add({
                kind: "received",
                patient: rcpt.address.toLowerCase(),
                from: mail.from?.text ?? envelopeFrom,
                replyTo: firstAddress(mail.replyTo) || firstAddress(mail.from) || envelopeFrom,
                date: (mail.date ?? new Date()).toISOString(),
                subject: mail.subject ?? "",
                text: mail.text ?? "",
                messageId: mail.messageId ?? null,
                references,
                closes:
                  String(mail.headers.get("x-mss-mes") ?? "")
                    .trim()
                    .toUpperCase() === "FIN",
                attachments: mail.attachments.map((a) => a.filename ?? a.contentType),
              });
            callback(null, `2.0.0 ${fr.smtpAccepted}`);
          })
          .catch(() => callback(refusal(554, `5.6.0 ${fr.smtpUnreadable}`)));
      });
    },
  });
  // A client resetting the connection is its own business.
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "ECONNRESET") console.error("[portail patient]", error);
  });
  return server;
}
