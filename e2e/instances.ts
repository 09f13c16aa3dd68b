import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { throwawayPki } from "../tests/smtp-peer";

/** Our instance's web port; its SMTP port is 1000 above. */
export const port = Number(process.env.E2E_PORT ?? 3100);

/** Another operator beside ours (e2e/border.spec.ts): started on the PostgreSQL run only, the slow cross-system tests running once. */
export const peer = process.env.DATABASE_URL ? { port: port + 1, smtpPort: port + 1001, domain: "clinique-dulac.mssante.fr" } : null;

/**
 * Another operator's server that e2e/delivery-status.spec.ts starts and stops on this port, presenting the
 * certificate below. Its domain is in the trust space under the default rule and under
 * tests/fixtures/liste-blanche.xml alike, and no seeded box uses it.
 */
export const sink = { port: port + 1002, domain: "medecin.mssante.fr" };

/** The test Pro Santé Connect (tests/psc-provider.ts), our instance's OpenID Connect provider. */
export const pscPort = port + 1004;

/** The patients' operator (Mon espace santé) as e2e/patients.spec.ts plays it: a test SMTP peer routed for patient.mssante.fr. */
export const patientsOperator = { port: port + 1003, domain: "patient.mssante.fr" };

/**
 * A throwaway authority and the certificate both e2e instances present on
 * their SMTP ports, so each verifies the other as operators do. Written once:
 * Playwright reads its config again in every worker, after the servers started.
 */
export async function borderPki(dir: string) {
  const files = { cert: path.join(dir, "cert.pem"), key: path.join(dir, "key.pem"), ca: path.join(dir, "ca.pem") };
  if (!Object.values(files).every((f) => existsSync(f))) {
    const pki = await throwawayPki();
    mkdirSync(dir, { recursive: true });
    writeFileSync(files.key, pki.key, { mode: 0o600 });
    writeFileSync(files.cert, pki.cert);
    writeFileSync(files.ca, pki.ca);
  }
  return files;
}

/** Another operator sending to our SMTP port over STARTTLS, verifying our certificate as operators do. Close it after use. */
export async function operatorClient() {
  const pki = await borderPki(".data/e2e-pki");
  const { default: nodemailer } = await import("nodemailer");
  return nodemailer.createTransport({ host: "127.0.0.1", port: port + 1000, requireTLS: true, tls: { ca: readFileSync(pki.ca) } });
}
