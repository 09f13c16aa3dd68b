import { messages } from "@/db/schema";

/** The columns components/mail/message-body.tsx shows a message's body from, for the queries that read one. */
export const messageBodyColumns = {
  bodyText: messages.bodyText,
  bodyHtml: messages.bodyHtml,
  bodyHtmlSafe: messages.bodyHtmlSafe,
  remoteImages: messages.remoteImages,
  htmlTooComplex: messages.htmlTooComplex,
  htmlComposed: messages.htmlComposed,
};
