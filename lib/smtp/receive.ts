import type { Db } from "@/db/client";
import { writeAudit, type RequestMeta } from "@/lib/audit/write";
import { parseEml } from "@/lib/mail/eml";
import { hostedBoxes, receive, senderCheck } from "@/lib/mail/inbound";
import { isPatientAddress, patientMayWrite } from "@/lib/mail/patients";
import { applyReport } from "@/lib/mail/inbound-reports";
import { readReport } from "@/lib/mail/reports";

export type Envelope = { from: string; to: string[] };

/** A patient's message (by its From) for a box it has no open conversation with: the envelope was checked at RCPT, the header here. */
export class PatientRefused extends Error {}

/** A message with the null sender whose From is not of the trust space: the null sender is no way around the liste blanche. */
export class UntrustedReport extends Error {
  constructor(readonly domain: string) {
    super(`untrusted null-sender message from ${domain}`);
  }
}

/**
 * One message from another operator, committed before the caller answers
 * 250: parsed by the MIME parser, then through the inbound gate, with its
 * audit rows, in one transaction. A retry of the same Message-ID lands nowhere twice.
 */
export async function receiveFromOperator(db: Db, raw: Buffer, envelope: Envelope, meta: RequestMeta) {
  const { copy, files, receiptTo, isReport } = await parseEml(raw, { address: envelope.to[0] });
  if (!envelope.from) {
    const sender = await senderCheck(db, copy.from.address);
    if (!sender.ok) throw new UntrustedReport(sender.domain);
  }
  if (envelope.from && isPatientAddress(copy.from.address)) {
    for (const box of (await hostedBoxes(db, envelope.to)).values())
      if (!(await patientMayWrite(db, copy.from.address, box))) throw new PatientRefused();
  }
  // Reports are rare: the second parser only reads those.
  const report = isReport ? await readReport(raw) : null;
  return db.transaction(async (tx) => {
    const arrival = await receive(tx, { copy, files, recipients: envelope.to, receiptTo, actor: { actorUserId: null } });
    // A report lands in the box like any message, and also updates what it reports on.
    const effect = report ? await applyReport(tx, report, arrival.addressed) : null;
    await writeAudit(tx, meta, [
      {
        actorUserId: null,
        action: "transport.receive",
        target: arrival.copies[0]?.copyId ?? null,
        result: "success",
        metadata: {
          copies: arrival.copies.length,
          duplicates: arrival.duplicates.length,
          attachments: files.length,
          bytes: raw.length,
          ...(report ? { report: report.kind, updated: effect?.updated ?? 0 } : {}),
        },
      },
      ...arrival.audit,
    ]);
    return arrival;
  });
}
