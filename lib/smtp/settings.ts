import { hostname } from "node:os";
import { limits } from "@/lib/mail/limits";

export type ClientCertMode = "off" | "request" | "require";

/** SMTP settings, from the environment (documented in the README). */
export function smtpSettings(env: Record<string, string | undefined> = process.env) {
  const clientCert = (env.SMTP_CLIENT_CERT ?? "off") as ClientCertMode;
  if (!["off", "request", "require"].includes(clientCert))
    throw new Error(`SMTP_CLIENT_CERT must be off, request or require (got ${clientCert})`);
  return {
    /** 0 turns the listener off (a web-only instance). */
    port: Number(env.SMTP_PORT ?? 2525),
    host: env.SMTP_HOST ?? "0.0.0.0",
    /** The name this server gives in its banner and EHLO, and in the Message-IDs of its reports. */
    hostname: env.SMTP_HOSTNAME ?? hostname(),
    certFile: env.SMTP_TLS_CERT,
    keyFile: env.SMTP_TLS_KEY,
    /** Peers' certificate authority (IGC Santé in production): verifies the servers we deliver to and clients' certificates. */
    caFile: env.SMTP_CA_FILE,
    clientCert,
    /** Whole message as transmitted: the attachments' limit plus base64's third and room for headers and text. */
    maxBytes: Number(env.SMTP_MAX_BYTES ?? Math.ceil((limits.message * 4) / 3) + 2 * 1024 * 1024),
    maxRecipients: limits.recipients,
  };
}
export type SmtpSettings = ReturnType<typeof smtpSettings>;
