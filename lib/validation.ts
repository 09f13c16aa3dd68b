import { z } from "zod";

// Default messages in French for every schema of the app.
z.config(z.locales.fr());

export { z };

/** A form field posted once or several times, as a list. */
export const repeated = () =>
  z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : [v]));

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
