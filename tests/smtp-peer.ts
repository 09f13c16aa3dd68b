import type { AddressInfo } from "node:net";
import { generate } from "selfsigned";
import { SMTPServer, type SMTPServerOptions, type SMTPServerSession } from "smtp-server";

/** A throwaway certificate authority and a server certificate it signed for 127.0.0.1 / localhost. */
export async function throwawayPki() {
  const ca = await generate([{ name: "commonName", value: "Autorité de test" }], {
    keyType: "ec",
    algorithm: "sha256",
    curve: "P-256",
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  const server = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    algorithm: "sha256",
    curve: "P-256",
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
        ],
      },
      { name: "extKeyUsage", serverAuth: true, clientAuth: true },
    ],
  });
  return { ca: Buffer.from(ca.cert), key: Buffer.from(server.private), cert: Buffer.from(server.cert) };
}

/** A message the peer accepted; `client` is the name the sending server gave in its EHLO. */
export type Received = { from: string; to: string[]; raw: Buffer; client: string };

/** A reply code refusing the command (4xx defers, 5xx refuses for good), or nothing to accept it. */
type Answer = number | null | undefined;

const refusal = (code: number) =>
  Object.assign(new Error(`${code === 550 ? "5.1.1" : "4.2.0"} refused by the test peer`), { responseCode: code });

/**
 * Another operator's server for tests, built on smtp-server. `answer` decides each RCPT, `answerData` each
 * message once read (only accepted messages are kept in `received`); a promise holds the reply back, as a
 * slow server does. It listens on `port` when a route already points there (e2e), else on any free port.
 */
export async function startPeer(
  options: Partial<SMTPServerOptions> & {
    answer?: (rcpt: string, session: SMTPServerSession) => Answer | Promise<Answer>;
    answerData?: (raw: Buffer, session: SMTPServerSession) => Answer;
    port?: number;
  } = {},
) {
  const received: Received[] = [];
  const { answer, answerData, port: wanted = 0, ...serverOptions } = options;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH"],
    logger: false,
    onRcptTo(address, session, callback) {
      void Promise.resolve(answer?.(address.address, session)).then((code) => callback(code ? refusal(code) : undefined));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        const code = answerData?.(raw, session);
        if (code) return callback(refusal(code));
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          client: session.hostNameAppearsAs,
        });
        callback(null, "2.0.0 queued by the test peer");
      });
    },
    ...serverOptions,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(wanted, "127.0.0.1", resolve);
  });
  // A client dropped mid-transaction (a sender killed on purpose) is reported as an 'error' event: unheard, it would end the process.
  server.on("error", () => undefined);
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
