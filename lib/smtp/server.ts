import type { TLSSocket } from "node:tls";
import { SMTPServer, type SMTPServerSession } from "smtp-server";
import type { Db } from "@/db/client";
import { ActionError } from "@/lib/actions/state";
import { writeAudit, type AuditEntry, type RequestMeta } from "@/lib/audit/write";
import { fr } from "@/lib/i18n/fr";
import { hostedBoxes, senderCheck } from "@/lib/mail/inbound";
import { isPatientAddress, patientMayWrite } from "@/lib/mail/patients";
import { PatientRefused, receiveFromOperator, UntrustedReport } from "./receive";
import { okText, reply } from "./replies";
import type { SmtpSettings } from "./settings";
import { caBundle } from "./tls";

const t = fr.smtp;

const metaOf = (session: SMTPServerSession): RequestMeta => ({
  ip: session.remoteAddress.replace(/^::ffff:/, ""),
  userAgent: `SMTP ${session.hostNameAppearsAs ?? ""}`.slice(0, 200),
});

/**
 * The border with the other operators of the trust space: STARTTLS before
 * anything is accepted, senders of the liste blanche only, hosted recipients
 * only, the size enforced (the library only advertises it), and 250 only
 * once the message is committed. Every refusal and acceptance is traced.
 */
export function createSmtpServer(db: Db, settings: SmtpSettings, credentials: { key: Buffer; cert: Buffer }) {
  const trace = (session: SMTPServerSession, entry: Omit<AuditEntry, "actorUserId" | "action">) =>
    writeAudit(db, metaOf(session), { actorUserId: null, action: "transport.receive", ...entry }).catch((error) =>
      console.error("[smtp] audit", error),
    );
  const refuse = async (session: SMTPServerSession, reason: AuditEntry["reason"], error: Error) => {
    await trace(session, { result: "refused", reason });
    return error;
  };

  const server = new SMTPServer({
    name: settings.hostname,
    banner: t.banner,
    key: credentials.key,
    cert: credentials.cert,
    ca: caBundle(settings),
    minVersion: "TLSv1.2",
    requestCert: settings.clientCert !== "off",
    // A missing or unknown certificate is decided in onSecure, so the refusal is a clear SMTP reply, not a dropped handshake.
    rejectUnauthorized: false,
    size: settings.maxBytes,
    disabledCommands: ["AUTH"],
    authOptional: true,
    logger: false,

    onSecure(socket, session, callback) {
      if (settings.clientCert !== "require" || (socket as TLSSocket).authorized) return callback();
      void refuse(session, "client_certificate_required", reply(530, "5.7.0", t.clientCertificateRequired)).then(callback);
    },

    onMailFrom(address, session, callback) {
      void (async () => {
        if (!session.secure) return callback(await refuse(session, "tls_required", reply(530, "5.7.0", t.tlsRequired)));
        // The null sender of bounces and receipts (RFC 5321 §4.5.5): its From header is checked instead, once the message is read.
        if (address.address === "") return callback();
        const sender = await senderCheck(db, address.address);
        if (sender.ok) return callback();
        callback(
          sender.invalid
            ? await refuse(session, "invalid_input", reply(553, "5.1.7", t.invalidSender))
            : await refuse(session, "untrusted_sender", reply(550, "5.7.1", t.untrustedSender(sender.domain))),
        );
      })().catch((error) => {
        console.error("[smtp] mail from", error);
        callback(reply(451, "4.3.0", t.tryLater));
      });
    },

    onRcptTo(address, session, callback) {
      void (async () => {
        if (session.envelope.rcptTo.length >= settings.maxRecipients)
          return callback(await refuse(session, "too_many_recipients", reply(452, "4.5.3", t.tooManyRecipients(settings.maxRecipients))));
        const [box] = (await hostedBoxes(db, [address.address])).values();
        if (!box) return callback(await refuse(session, "unknown_recipient", reply(550, "5.1.1", t.unknownRecipient)));
        const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        if (isPatientAddress(sender) && !(await patientMayWrite(db, sender, box)))
          return callback(await refuse(session, "patient_not_allowed", reply(550, "5.7.1", t.patientNotAllowed)));
        callback();
      })().catch((error) => {
        console.error("[smtp] rcpt to", error);
        callback(reply(451, "4.3.0", t.tryLater));
      });
    },

    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => {
        // Past the limit the rest is read and dropped, so the client still gets our answer.
        if (!stream.sizeExceeded) chunks.push(chunk);
      });
      stream.on("end", () => {
        void (async () => {
          if (stream.sizeExceeded) return callback(await refuse(session, "too_large", reply(552, "5.3.4", t.tooLarge(settings.maxBytes))));
          const envelope = {
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          };
          const arrival = await receiveFromOperator(db, Buffer.concat(chunks), envelope, metaOf(session));
          callback(null, okText("2.0.0", t.accepted(arrival.copies.length + arrival.duplicates.length)));
        })().catch(async (error) => {
          if (error instanceof ActionError && error.code === "too_large")
            return callback(await refuse(session, "too_large", reply(552, "5.3.4", t.tooLarge(settings.maxBytes))));
          if (error instanceof PatientRefused)
            return callback(await refuse(session, "patient_not_allowed", reply(550, "5.7.1", t.patientNotAllowed)));
          if (error instanceof UntrustedReport)
            return callback(await refuse(session, "untrusted_sender", reply(550, "5.7.1", t.untrustedSender(error.domain))));
          if (error instanceof ActionError && error.code === "unreadable_file")
            return callback(await refuse(session, "unreadable_file", reply(554, "5.6.0", t.unreadable)));
          // Anything else may pass on a retry: the sender keeps the message and tries again (RFC 5321 §4.2.5).
          console.error("[smtp] data", error);
          await trace(session, { result: "error", reason: "unexpected" });
          callback(reply(451, "4.3.0", t.tryLater));
        });
      });
    },
  });
  // A client resetting the connection is the client's business; nothing else may go unnoticed.
  server.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "ECONNRESET") console.error("[smtp]", error);
  });
  return server;
}
