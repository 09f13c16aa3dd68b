import { db } from "@/db/client";
import { downloadRoute } from "@/lib/download";
import { openOriginal } from "@/lib/mail/original";

/** A message as a .eml file, for people with `read` on its box: always a download, for a mail client to open. */
export const GET = downloadRoute<{ id: string }>(async ({ actor, meta, params }) => {
  const file = await openOriginal(db, actor, params.id, meta);
  return file && { ...file, contentType: "message/rfc822", inline: false };
});
