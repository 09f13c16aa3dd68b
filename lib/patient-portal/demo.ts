import { writeFileSync } from "node:fs";
import path from "node:path";
import { PATIENT_DOMAIN } from "@/lib/mail/patient-address";
import { parseRoutes } from "@/lib/mail/routes";
import { smtpSettings } from "@/lib/smtp/settings";
import { caBundle, serverCredentials } from "@/lib/smtp/tls";
import { anyAddress, startPatientPortal } from "./start";
import { forgetPortalMail } from "./store";
import { trustingPortal } from "./tls";

const PORTAL_DIR = ".data/patient-portal";

export const forgetDemoPortalMail = () => forgetPortalMail(PORTAL_DIR);

/**
 * For `npm start` on the seeded embedded demo: the simulated patients'
 * operator, and the settings the webmail needs to reach it as it reaches any
 * operator — a route for patient.mssante.fr, and the portal's certificate
 * among the authorities it verifies peers with. Null when turned off
 * (PATIENT_PORTAL=0), when SMTP_ROUTES already sends patients' mail
 * elsewhere, or when the webmail has no SMTP listener for the replies.
 */
export async function startDemoPortal(env: Record<string, string | undefined>) {
  const smtp = smtpSettings(env);
  if (env.PATIENT_PORTAL === "0" || parseRoutes(env.SMTP_ROUTES).has(PATIENT_DOMAIN) || smtp.port === 0) return null;
  // The webmail's certificate, made here if new, before the webmail starts and reads the same files.
  const webmailCert = (await serverCredentials(smtp)).cert;
  const configuredCa = caBundle(smtp);
  const portal = await startPatientPortal({
    dir: PORTAL_DIR,
    // No login on a simulation: its pages stay on this machine unless asked.
    webHost: env.PATIENT_PORTAL_HOST ?? "127.0.0.1",
    webPort: Number(env.PATIENT_PORTAL_PORT ?? Number(env.PORT ?? 3000) + 2),
    smtpPort: Number(env.PATIENT_PORTAL_SMTP_PORT ?? smtp.port + 2),
    webmail: {
      host: anyAddress(smtp.host) ? "127.0.0.1" : smtp.host,
      port: smtp.port,
      ca: Buffer.concat([webmailCert, Buffer.from("\n"), configuredCa ?? Buffer.alloc(0)]),
    },
  });
  const caFile = path.resolve(PORTAL_DIR, "webmail-ca.pem");
  writeFileSync(caFile, trustingPortal(portal.cert, configuredCa));
  return {
    url: portal.url,
    env: {
      SMTP_ROUTES: [env.SMTP_ROUTES, `${PATIENT_DOMAIN}=127.0.0.1:${portal.smtpPort}`].filter(Boolean).join(","),
      SMTP_CA_FILE: caFile,
    },
  };
}
