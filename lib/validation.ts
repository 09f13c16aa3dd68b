import { z } from "zod";

// Default messages in French for every schema of the app.
z.config(z.locales.fr());

export { z };

/** What PostgreSQL cannot store in text or jsonb (NUL), dropped: it is never typed, only forged. */
export const storable = (value: string) => value.replaceAll("\u0000", "");

/** A text field: a string with what Postgres cannot store dropped before any other check. */
export const text = (params?: Parameters<typeof z.string>[0]) => z.string(params).overwrite(storable);

/** A form field posted once or several times, as a list. */
export const repeated = () => z.union([text(), z.array(text())]).transform((v) => (Array.isArray(v) ? v : [v]));

/** FormData → plain object; a key posted several times becomes an array. Files are passed on unread. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}
