import { NextResponse } from "next/server";
import { apiRoute, type ApiContext } from "@/lib/http/api-route";
import { loginOnNavigation } from "@/lib/http/login-redirect";
import { problem } from "@/lib/http/problem";
import { fr } from "@/lib/i18n/fr";

export type Download = { content: Buffer; filename: string; contentType: string; inline: boolean };

/**
 * The route serving a file of a box to the signed-in person, `open` deciding
 * access (null for anything out of reach, answered like missing). Served as
 * an attachment unless `inline`, never sniffed, never able to run anything,
 * never cached.
 */
export function downloadRoute<P>(open: (ctx: ApiContext<"session", P>) => Promise<Download | null>) {
  return loginOnNavigation(
    apiRoute<"session", P>("session", async (ctx) => {
      const file = await open(ctx);
      if (!file) return problem("not_found", fr.errors.notFound);
      return new NextResponse(new Uint8Array(file.content), {
        headers: {
          "Content-Type": file.contentType,
          "Content-Disposition": `${file.inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
          "Content-Length": String(file.content.length),
          "X-Content-Type-Options": "nosniff",
          "Content-Security-Policy": "default-src 'none'",
          "Cache-Control": "private, no-store",
        },
      });
    }),
  );
}
