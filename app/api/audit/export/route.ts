import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/db/client";
import { auditFilter, auditRows } from "@/db/queries/audit";
import type { AuditAction } from "@/lib/audit/actions";
import { writeAudit } from "@/lib/audit/write";
import { getSession } from "@/lib/auth/session";
import { hasRolePermission } from "@/lib/authz/permissions";
import { fr } from "@/lib/i18n/fr";
import { parisDay } from "@/lib/i18n/format";
import { requestMeta } from "@/lib/request";

const t = fr.audit;

/**
 * The journal for the current filter as CSV, streamed page by page: UTF-8
 * with BOM and ";" so French spreadsheets open it as is. The export is traced.
 */
export async function GET(request: NextRequest) {
  const check = await getSession();
  if (!check || !("principal" in check)) return NextResponse.redirect(new URL("/login", request.url));
  const { principal } = check;
  if (!hasRolePermission(principal, "audit.read")) return new NextResponse(fr.errors.notFound, { status: 404 });
  const filter = auditFilter.parse(Object.fromEntries(request.nextUrl.searchParams));
  await writeAudit(db, await requestMeta(), {
    actorUserId: principal.userId,
    action: "audit.export",
    result: "success",
    metadata: { filter },
  });

  async function* records() {
    for await (const r of auditRows(db, principal, filter)) {
      yield [r.at.toISOString(), r.actorName ?? t.system, r.mailbox ?? "", t.actions[r.action as AuditAction] ?? r.action, t.results[r.result], r.target ?? "", r.reason ?? "", r.ip ?? "", r.userAgent ?? ""];
    }
  }
  const csv = Readable.from(records()).pipe(
    stringify({ delimiter: ";", bom: true, header: true, columns: [t.at, t.person, t.mailbox, t.action, t.result, t.target, t.reason, t.ip, t.userAgent] }),
  );
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="journal-audit-${parisDay(new Date())}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
