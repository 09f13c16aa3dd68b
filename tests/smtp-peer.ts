import type { AddressInfo } from "node:net";
import { generate } from "selfsigned";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

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

export type Received = { from: string; to: string[]; raw: Buffer };

/**
 * Another operator's server for tests, built on smtp-server; `answer` decides each RCPT (a reply code, or accept).
 * It listens on `port` when a route already points there (e2e), else on any free port.
 */
export async function startPeer(options: Partial<SMTPServerOptions> & { answer?: (rcpt: string) => number | null; port?: number } = {}) {
  const received: Received[] = [];
  const { answer, port: wanted = 0, ...serverOptions } = options;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = answer?.(address.address);
      if (!code) return callback();
      callback(Object.assign(new Error(`${code === 550 ? "5.1.1" : "4.2.0"} refused by the test peer`), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
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
