import { readableSubject } from "./xdm";

/**
 * A thread's title: the subject of its latest message that is not a read receipt. A receipt joins the
 * thread it reports on, but its subject (« Accusé de lecture : … ») must not rename the conversation.
 */
export function threadSubject(messages: readonly { subject: string; reportFor: string | null }[]): string {
  const titled = messages.findLast((m) => !m.reportFor) ?? messages.at(-1);
  return readableSubject(titled?.subject ?? "");
}
