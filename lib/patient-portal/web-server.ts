import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { fr } from "./fr";
import { homePage, messagePage, patientPage, patientPath } from "./pages";
import { sendReply, type WebmailPeer } from "./reply";
import type { PortalStore } from "./store";
import type { Credentials } from "./tls";

/** A reply form is a few lines of text; anything larger is not from it. */
const MAX_FORM_BYTES = 100_000;

const PATIENT_ROUTE = /^\/patients\/([^/]+)(\/reponses)?$/;

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    // Server-rendered and escaped; no script is ever needed, so none may run.
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
  });
  res.end(body);
}

function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_FORM_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_FORM_BYTES ? null : new URLSearchParams(Buffer.concat(chunks).toString("utf8"))));
    req.on("error", reject);
  });
}

/** A form posted from another site's page would make the patient write: only this portal's own pages may post. */
const sameOrigin = (req: IncomingMessage) => !req.headers.origin || req.headers.origin === `http://${req.headers.host}`;

/** A malformed escape in the address names no patient. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return "";
  }
}

/** The portal's pages: the patients, one patient's mail, and the reply form's target. */
export function createPortalWebServer(store: PortalStore, credentials: Credentials, webmail: WebmailPeer) {
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://portail");
    if (url.pathname === "/" && req.method === "GET") return send(res, 200, homePage(store.patients()));
    const match = PATIENT_ROUTE.exec(url.pathname);
    const patient = match ? decoded(match[1]) : "";
    const entries = patient ? store.of(patient) : [];
    if (!match || entries.length === 0) return send(res, 404, messagePage(fr.notFound));
    const replying = Boolean(match[2]);
    if (!replying && req.method === "GET") {
      const reply = store.find(url.searchParams.get("reponse") ?? "");
      const error = url.searchParams.get("erreur") === "vide" ? fr.emptyReply : undefined;
      return send(
        res,
        200,
        patientPage(patient, entries, { reply: reply?.kind === "sent" && reply.patient === patient ? reply : undefined, error }),
      );
    }
    if (!replying || req.method !== "POST") return send(res, 404, messagePage(fr.notFound));
    if (!sameOrigin(req)) return send(res, 403, messagePage(fr.forbidden));
    const form = await readForm(req);
    if (!form) return send(res, 413, messagePage(fr.tooLarge));
    const original = store.find(form.get("message") ?? "");
    if (original?.kind !== "received" || original.patient !== patient || !original.replyTo) return send(res, 404, messagePage(fr.notFound));
    const text = form.get("texte")?.trim() ?? "";
    const query = text ? `reponse=${store.add(await sendReply(webmail, credentials, original, text)).id}` : "erreur=vide";
    res.writeHead(303, { location: `${patientPath(patient)}?${query}#etat` });
    res.end();
  }

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("[portail patient]", error);
      if (!res.headersSent) send(res, 500, messagePage(fr.serverError));
      else res.end();
    });
  });
}
