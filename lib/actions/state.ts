import type { ErrorCode } from "@/lib/errors";

/** The one shape every action returns to its form: a machine code for programs, a French message for people. */
export type ActionState = {
  ok: boolean;
  code?: ErrorCode;
  error?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** A secret shown once to the person who just created it (an API token): never stored in clear, never traced. */
  secret?: string;
  /** What the action tells the page that posted it (e.g. how many messages moved, and the handle to undo it). */
  result?: Record<string, string | number | boolean | null>;
  /**
   * Where the browser goes once the action succeeded (useFormAction navigates there). The action's answer
   * carries no page: a send is answered as soon as it committed, not after rendering the inbox shown next.
   */
  next?: string;
};

export const idle: ActionState = { ok: false };

/** Thrown inside an action to roll back and tell the person why, in French; the audit keeps only the code. */
export class ActionError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fieldErrors?: ActionState["fieldErrors"],
  ) {
    super(message);
  }
}
