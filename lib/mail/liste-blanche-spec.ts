import { defineStructureAction } from "@/lib/actions/run";
import { ActionError } from "@/lib/actions/state";
import { fr } from "@/lib/i18n/fr";
import { z } from "@/lib/validation";
import { ListeBlancheError, parseListeBlanche, replaceListeBlanche } from "./liste-blanche";

const MAX_BYTES = 10 * 1024 * 1024;
const t = fr.listeBlanche;

/** Replace the liste blanche from the official XML file, all or nothing. */
export const importListeBlancheSpec = defineStructureAction({
  action: "whitelist.import",
  permission: "whitelist.manage",
  schema: z.object({
    file: z
      .instanceof(File, { message: t.errors.missingFile })
      .refine((f) => f.size > 0, t.errors.missingFile)
      .refine((f) => f.size <= MAX_BYTES, t.errors.tooLarge),
  }),
  async run({ tx, input }) {
    let domains: string[];
    try {
      domains = parseListeBlanche(await input.file.text());
    } catch (error) {
      if (error instanceof ListeBlancheError) throw new ActionError("unreadable_file", error.message, { file: [error.message] });
      throw error;
    }
    const counts = await replaceListeBlanche(tx, domains);
    return {
      metadata: { ...counts, total: domains.length },
      redirectTo: `/liste-blanche?added=${counts.added}&removed=${counts.removed}&unchanged=${counts.unchanged}`,
    };
  },
});
