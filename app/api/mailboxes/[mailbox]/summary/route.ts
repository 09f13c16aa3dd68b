import { NextResponse } from "next/server";
import { db } from "@/db/client";
import { boxSummary } from "@/db/queries/messages";
import { getSession } from "@/lib/auth/session";
import { checkMailbox } from "@/lib/authz/check";
import { fr } from "@/lib/i18n/fr";
import { requestMeta } from "@/lib/request";

/** Polled by the open page (components/mail/live-updates.tsx): the box's unread counts and version. */
export async function GET(_request: Request, { params }: { params: Promise<{ mailbox: string }> }) {
  const check = await getSession();
  if (!check || !("principal" in check)) return NextResponse.json({ error: "unauthenticated" }, { status: 401 });
  const { mailbox } = await params;
  const access = await checkMailbox(db, check.principal, mailbox, "mailbox.read", await requestMeta());
  if (!access) return NextResponse.json({ error: fr.errors.notFound }, { status: 404 });
  return NextResponse.json(await boxSummary(db, check.principal.userId, access.mailbox.id), { headers: { "Cache-Control": "no-store" } });
}
