"use server";

export type SendState = { ok: boolean; next?: string };

/** A server action that does nothing: reads the form, answers where to go, as the project's send does on success. */
export async function send(_previous: SendState, form: FormData): Promise<SendState> {
  return { ok: true, next: `/m/${String(form.get("mailboxId"))}/sent?notice=sent` };
}
