import type { AddressInfo, Server } from "node:net";
import path from "node:path";
import type { SMTPServer } from "smtp-server";
import type { WebmailPeer } from "./reply";
import { createPortalSmtpServer } from "./smtp-server";
import { PortalStore } from "./store";
import { portalCredentials } from "./tls";
import { createPortalWebServer } from "./web-server";

export type PortalOptions = {
  /** Its mail (messages.json) and its TLS pair (tls/). */
  dir: string;
  /** Where the pages listen; the SMTP server listens on the loopback, the only address its certificate names. */
  webHost: string;
  /** 0 for any free port (tests). */
  webPort: number;
  smtpPort: number;
  webmail: WebmailPeer;
};

function listen(server: Server, port: number, host: string) {
  return new Promise<number>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** A listening address that takes every interface: reached locally through the loopback. */
export const anyAddress = (host: string) => host === "0.0.0.0" || host === "::";

const close = (server: Server | SMTPServer) => new Promise<void>((resolve) => server.close(() => resolve()));

/** The simulated patients' operator: its SMTP server for patient.mssante.fr, and its web pages for the patients. */
export async function startPatientPortal(options: PortalOptions) {
  const store = new PortalStore(options.dir);
  const credentials = await portalCredentials(path.join(options.dir, "tls"));
  const smtp = createPortalSmtpServer(store, credentials);
  const web = createPortalWebServer(store, credentials, options.webmail);
  const smtpPort = await listen(smtp.server, options.smtpPort, "127.0.0.1");
  const webPort = await listen(web, options.webPort, options.webHost);
  const host = anyAddress(options.webHost) ? "localhost" : options.webHost.includes(":") ? `[${options.webHost}]` : options.webHost;
  return {
    url: `http://${host}:${webPort}`,
    smtpPort,
    /** What the webmail must trust to deliver here. */
    cert: credentials.cert,
    close: () => Promise.all([close(smtp), close(web)]).then(() => undefined),
  };
}
