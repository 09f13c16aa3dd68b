/**
 * Runs once when the Next.js server starts: the forwarding guard (who the client is, lib/http/forwarded.ts), then
 * the SMTP border and delivery workers, which live in the same process as the web app (one PGlite owner).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { installForwardingGuard } = await import("./lib/http/forwarded");
  installForwardingGuard(process.env.TRUSTED_PROXIES);
  const { startMailServices } = await import("./lib/smtp/start");
  await startMailServices();
}
