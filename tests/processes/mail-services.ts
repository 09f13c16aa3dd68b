/**
 * The app's operator side alone (SMTP listener and delivery workers, as
 * instrumentation.ts starts them in `next start`), in a process of its own
 * that tests can kill -9. Configured by the same environment variables.
 */
import { startMailServices } from "@/lib/smtp/start";

await startMailServices();
console.log("mail-services ready");
