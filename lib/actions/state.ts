/** The one shape every action returns to its form. */
export type ActionState = {
  ok: boolean;
  error?: string;
  fieldErrors?: Record<string, string[] | undefined>;
};

export const idle: ActionState = { ok: false };

/** Thrown inside an action to roll back and tell the person why, in French. */
export class ActionError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: ActionState["fieldErrors"],
  ) {
    super(message);
  }
}
