import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { generate } from "selfsigned";
import type { SmtpSettings } from "./settings";

const GENERATED_DIR = ".data/smtp-tls";

/**
 * A self-signed pair generated once under `dir` and read back afterwards, for
 * these names (and localhost, 127.0.0.1). Not an authority: trusting it
 * trusts this one server and nothing it could sign.
 */
export async function generatedPair(dir: string, commonName: string, hostnames: string[] = []): Promise<{ key: Buffer; cert: Buffer }> {
  const certFile = path.join(dir, "cert.pem");
  const keyFile = path.join(dir, "key.pem");
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    const pems = await generate([{ name: "commonName", value: commonName }], {
      keyType: "ec",
      algorithm: "sha256",
      curve: "P-256",
      notAfterDate: new Date(Date.now() + 825 * 24 * 3600 * 1000),
      extensions: [
        { name: "basicConstraints", cA: false, critical: true },
        { name: "extKeyUsage", serverAuth: true, clientAuth: true },
        {
          name: "subjectAltName",
          altNames: [
            ...[...new Set([...hostnames, "localhost"])].map((value) => ({ type: 2 as const, value })),
            { type: 7 as const, ip: "127.0.0.1" },
          ],
        },
      ],
    });
    mkdirSync(dir, { recursive: true });
    writeFileSync(keyFile, pems.private, { mode: 0o600 });
    writeFileSync(certFile, pems.cert);
  }
  return { cert: readFileSync(certFile), key: readFileSync(keyFile) };
}

/**
 * The server's certificate and key: the configured files, or a self-signed
 * pair generated once under .data/ for the embedded default (peers that
 * verify certificates will refuse it, as they should).
 */
export async function serverCredentials(settings: SmtpSettings): Promise<{ key: Buffer; cert: Buffer }> {
  if (settings.certFile && settings.keyFile) return { cert: readFileSync(settings.certFile), key: readFileSync(settings.keyFile) };
  return generatedPair(GENERATED_DIR, settings.hostname, [settings.hostname]);
}

export const caBundle = (settings: SmtpSettings): Buffer | undefined => (settings.caFile ? readFileSync(settings.caFile) : undefined);
