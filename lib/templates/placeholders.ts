import emailAddresses from "email-addresses";

/** The placeholder a template writes where the correspondent's name goes. */
export const NAME_PLACEHOLDER = "{nom}";

/**
 * A template's text for this message: « {nom} » becomes the first recipient's name as typed in À
 * ("Dr Jean Dupont <jean.dupont@…>" gives "Dr Jean Dupont"), or her address when no name was given.
 */
export function fillTemplate(body: string, recipients: string): string {
  const [first] = emailAddresses.parseAddressList({ input: recipients, rfc6532: true }) ?? [];
  const name = first?.type === "mailbox" ? first.name || first.address : recipients.split(",")[0].trim();
  return body.replaceAll(NAME_PLACEHOLDER, name);
}
