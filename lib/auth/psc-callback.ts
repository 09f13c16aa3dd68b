import type { Db } from "@/db/client";
import { writeAudit, type RequestMeta } from "@/lib/audit/write";
import type { LoginRefusal } from "@/lib/errors";

type Cause = { err?: { code?: string; message?: string; name?: string }; claim?: string };

/**
 * Why Auth.js refused the provider's answer before it reached us, read from the error it caught: the
 * answer's state, the ID token's nonce or expiry (oauth4webapi's codes), the person cancelling at PSC.
 */
export function pscFailureReason(error: unknown): LoginRefusal {
  const e = error as { type?: string; message?: string; cause?: Cause } | null;
  if (e?.type === "OAuthCallbackError") return "psc_cancelled";
  if (e?.type === "InvalidCheck") return "psc_state";
  const cause = e?.cause;
  if (cause?.claim === "nonce") return "psc_nonce";
  if (cause?.err?.code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED") return "psc_expired";
  if (/"state"/.test(cause?.err?.message ?? "")) return "psc_state";
  return "psc_invalid_response";
}

/** A PSC callback Auth.js refused: traced like any refused login, the reason a code. */
export async function auditPscFailure(db: Db, meta: RequestMeta, error: unknown) {
  await writeAudit(db, meta, {
    actorUserId: null,
    action: "session.login",
    result: "refused",
    reason: pscFailureReason(error),
    metadata: { method: "psc" },
  });
}
