import { rootCertificates } from "node:tls";
import { generatedPair } from "@/lib/smtp/tls";

export type Credentials = { key: Buffer; cert: Buffer };

/** The portal's self-signed certificate, generated once under its folder (lib/smtp/tls.ts: no authority, local names only). */
export const portalCredentials = (dir: string): Promise<Credentials> => generatedPair(dir, "Simulation du portail patient");

/**
 * The authorities the webmail checks its peers against, plus the portal's
 * certificate: the configured SMTP_CA_FILE, or else the ones Node trusts by
 * default, so every other peer is verified exactly as before.
 */
export const trustingPortal = (portalCert: Buffer, configured?: Buffer): Buffer =>
  Buffer.concat([configured ?? Buffer.from(rootCertificates.join("\n")), Buffer.from("\n"), portalCert]);
