import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { dbHandle } from "@/db/client";
import { importDirectory } from "@/lib/annuaire/import";
import { AnnuaireFormatError, openExtraction, readExtraction } from "@/lib/annuaire/parse";
import { writeAudit } from "@/lib/audit/write";
import { hasRolePermission } from "@/lib/authz/permissions";
import { apiRoute } from "@/lib/http/api-route";
import { problem } from "@/lib/http/problem";
import { malformed, refusalProblem } from "@/lib/http/refusals";
import { fr } from "@/lib/i18n/fr";

export const maxDuration = 300;

/**
 * The raw file in the body is written to disk as it arrives (never held in
 * memory; a .zip needs random access anyway), then imported; progress goes
 * back as one JSON line per step so the screen can draw its bar.
 */
export const POST = apiRoute("session", async ({ request, actor: principal, meta }) => {
  if (!hasRolePermission(principal, "annuaire.manage")) return problem("not_found", fr.errors.notFound);
  if (!request.body) return refusalProblem(malformed);

  const dir = await mkdtemp(path.join(tmpdir(), "annuaire-"));
  const name = (request.headers.get("x-filename") ?? "").toLowerCase().endsWith(".zip") ? "extraction.zip" : "extraction.txt";
  const file = path.join(dir, name);
  await pipeline(Readable.fromWeb(request.body as import("node:stream/web").ReadableStream), createWriteStream(file));

  const started = performance.now();
  const body = new ReadableStream({
    async start(controller) {
      const send = (event: object) => controller.enqueue(new TextEncoder().encode(`${JSON.stringify(event)}\n`));
      try {
        const { stream, totalBytes } = await openExtraction(file);
        const entries = readExtraction(stream, ({ rows, bytes }) =>
          send({
            rows,
            percent: totalBytes ? Math.min(100, Math.round((bytes / totalBytes) * 100)) : 0,
            rate: Math.round(rows / ((performance.now() - started) / 1000)),
          }),
        );
        const result = await importDirectory(dbHandle(), entries, meta, principal.userId);
        send({ done: true, ...result });
      } catch (error) {
        const message = error instanceof AnnuaireFormatError ? error.message : fr.errors.unexpected;
        if (!(error instanceof AnnuaireFormatError)) console.error("[annuaire import]", error);
        await writeAudit(dbHandle().db, meta, {
          actorUserId: principal.userId,
          action: "annuaire.import",
          result: error instanceof AnnuaireFormatError ? "refused" : "error",
          reason: error instanceof AnnuaireFormatError ? "unreadable_file" : "unexpected",
        });
        send({ error: message });
      } finally {
        await rm(dir, { recursive: true, force: true });
        controller.close();
      }
    },
  });
  return new Response(body, { headers: { "Content-Type": "application/x-ndjson; charset=utf-8", "Cache-Control": "no-store" } });
});
