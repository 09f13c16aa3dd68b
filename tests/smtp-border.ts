import type { AddressInfo } from "node:net";
import { generate } from "selfsigned";
import type { Db } from "@/db/client";
import { smtpSettings, type SmtpSettings } from "@/lib/smtp/settings";
import { createSmtpServer } from "@/lib/smtp/server";

const selfSigned = async () => {
  const pems = await generate([{ name: "commonName", value: "localhost" }], { keyType: "ec", curve: "P-256" });
  return { key: Buffer.from(pems.private), cert: Buffer.from(pems.cert) };
};

/**
 * Our SMTP border on a free loopback port, over this database, with a self-signed certificate
 * (clients skip its check), or with `credentials` a client can verify (tests/smtp-peer.ts's throwaway authority).
 */
export async function startBorder(db: Db, settings: Partial<SmtpSettings> = {}, credentials?: { key: Buffer; cert: Buffer }) {
  const server = createSmtpServer(db, { ...smtpSettings({}), hostname: "mx.test", ...settings }, credentials ?? (await selfSigned()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
