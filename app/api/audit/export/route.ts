import { Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { db } from "@/db/client";
import { auditFilter, auditRows } from "@/db/queries/audit";
import type { AuditAction } from "@/lib/audit/actions";
import { auditActorLabel } from "@/lib/audit/actor-label";
import { reasonLabel } from "@/lib/audit/labels";
import { shortUserAgent } from "@/lib/audit/user-agent";
import { writeAudit } from "@/lib/audit/write";
import { hasRolePermission } from "@/lib/authz/permissions";
import { apiRoute } from "@/lib/http/api-route";
import { loginOnNavigation } from "@/lib/http/login-redirect";
import { problem } from "@/lib/http/problem";
import { fr } from "@/lib/i18n/fr";
import { parisDay, parisTimestamp } from "@/lib/i18n/format";

const t = fr.audit;

/**
 * The journal for the current filter as CSV, streamed page by page: UTF-8
 * with BOM and ";" so French spreadsheets open it as is. The export is traced.
 */
const exportJournal = apiRoute("session", async ({ request, actor: principal, meta }) => {
  if (!hasRolePermission(principal, "audit.read")) return problem("not_found", fr.errors.notFound);
  const filter = auditFilter.parse(Object.fromEntries(request.nextUrl.searchParams));
  await writeAudit(db, meta, {
    actorUserId: principal.userId,
    action: "audit.export",
    result: "success",
    metadata: { filter },
  });

  async function* records() {
    for await (const r of auditRows(db, principal, filter)) {
      yield [
        parisTimestamp(r.at),
        auditActorLabel(r),
        r.mailbox ?? "",
        t.actions[r.action as AuditAction] ?? r.action,
        t.results[r.result],
        r.targetLabel ?? "",
        reasonLabel(r.reason),
        r.ip ?? "",
        shortUserAgent(r.userAgent) ?? "",
      ];
    }
  }
  const csv = Readable.from(records()).pipe(
    stringify({
      delimiter: ";",
      bom: true,
      header: true,
      columns: [t.at, t.person, t.mailbox, t.action, t.result, t.target, t.reason, t.ip, t.userAgent],
    }),
  );
  return new Response(Readable.toWeb(csv) as ReadableStream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="journal-audit-${parisDay(new Date())}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
});

export const GET = loginOnNavigation(exportJournal);
