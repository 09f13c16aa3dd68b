import { dbHandle } from "@/db/client";
import { startDelivery } from "@/lib/mail/outbound-delivery";
import { startScheduledSends } from "@/lib/mail/scheduled-send";
import { parseRoutes } from "@/lib/mail/routes";
import { createSmtpServer } from "./server";
import { smtpSettings } from "./settings";
import { caBundle, serverCredentials } from "./tls";

/**
 * The operator side of the app, started with the web server (instrumentation.ts):
 * the SMTP listener for other operators, and the workers delivering to them.
 */
export async function startMailServices(env: Record<string, string | undefined> = process.env) {
  const settings = smtpSettings(env);
  const db = dbHandle().db;
  const credentials = await serverCredentials(settings);
  const delivery = await startDelivery(
    db,
    {
      hostname: settings.hostname,
      routes: parseRoutes(env.SMTP_ROUTES),
      ca: caBundle(settings),
      // Peers that ask for a client certificate get our server's (IGC Santé certificates serve both ends).
      clientCredentials: settings.certFile ? credentials : undefined,
      retryHours: Number(env.SMTP_RETRY_HOURS ?? 120),
      retryBaseSeconds: Number(env.SMTP_RETRY_BASE_SECONDS ?? 300),
    },
    Number(env.SMTP_DELIVERY_WORKERS ?? 4),
  );
  const scheduled = await startScheduledSends(db);
  if (settings.port === 0) return;
  const server = createSmtpServer(db, settings, credentials);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(settings.port, settings.host, () => resolve());
  });
  console.log(`SMTP : port ${settings.port} (STARTTLS obligatoire)`);
  const stop = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await delivery.stop();
    await scheduled.stop();
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stop());
}
