import type { Tx } from "@/db/client";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import type { z } from "@/lib/validation";
import { limits } from "./limits";
import { loadTrustPolicy } from "./liste-blanche";
import { decideCandidates, type Candidate, type Recipient } from "./trust-space";

// The fields of a message to send, whoever writes it: a form of the webmail, or software through the API.

// Line breaks in a one-line header field are flattened, never turned into a new header.
export const oneLine = (value: string) => value.replace(/[\r\n]+/g, " ");

type Fields = "to" | "cc" | "bcc";

/** At least one recipient, and no more than the limit, counted over the three fields. */
export function recipientCount(v: Record<Fields, unknown[]>, ctx: z.RefinementCtx) {
  const count = v.to.length + v.cc.length + v.bcc.length;
  if (count === 0) ctx.addIssue({ code: "custom", path: ["to"], message: fr.errors.recipientRequired });
  if (count > limits.recipients) ctx.addIssue({ code: "custom", path: ["to"], message: fr.errors.tooManyRecipients(limits.recipients) });
}

/** Decide every recipient on the liste blanche in force; refused ones are named in their field. */
export async function decideAll(tx: Tx, fields: Record<Fields, Candidate[]>) {
  const policy = await loadTrustPolicy(
    tx,
    [...fields.to, ...fields.cc, ...fields.bcc].map((c) => c.domain),
  );
  const decided = {} as Record<Fields, Recipient[]>;
  const fieldErrors: Partial<Record<Fields, string[]>> = {};
  for (const field of ["to", "cc", "bcc"] as const) {
    const { recipients, errors } = decideCandidates(fields[field], policy);
    decided[field] = recipients;
    if (errors.length > 0) fieldErrors[field] = errors;
  }
  if (Object.keys(fieldErrors).length > 0) throw new ActionError("untrusted_recipient", fr.errors.invalidForm, fieldErrors);
  return decided;
}
