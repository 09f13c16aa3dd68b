import { importMessage } from "@/lib/actions/mail";
import { FileForm } from "@/components/ui/file-form";
import { fr } from "@/lib/i18n/fr";
import { limits } from "@/lib/mail/limits";

/** Bringing a received message in from its .eml file, folded away until needed. */
export function ImportEml({ mailboxId }: { mailboxId: string }) {
  return (
    <details className="mb-4">
      <summary className="cursor-pointer text-sm font-medium text-brand-700 underline">{fr.importEml.title}</summary>
      <div className="mt-2">
        <FileForm
          action={importMessage}
          label={fr.importEml.file}
          accept=".eml,message/rfc822"
          submit={fr.importEml.submit}
          fields={{ mailboxId }}
          maxBytes={limits.eml}
          tooLarge={fr.importEml.tooLarge(limits.eml)}
        />
      </div>
    </details>
  );
}
