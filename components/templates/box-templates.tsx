import { ConfirmButton } from "@/components/ui/confirm-button";
import type { TemplateView } from "@/db/queries/templates";
import { deleteTemplate } from "@/lib/actions/templates";
import { fr } from "@/lib/i18n/fr";
import { TemplateForm } from "./template-form";

const t = fr.templates;

/** A box's « réponses types » on the Délégations screen: each folded with its form, and a new one. */
export function BoxTemplates({ mailboxId, templates }: { mailboxId: string; templates: TemplateView[] }) {
  const headingId = `modeles-${mailboxId}-titre`;
  return (
    <section aria-labelledby={headingId} className="mt-4 rounded-md border border-slate-300 p-4">
      <h3 id={headingId} className="font-semibold">
        {t.title}
      </h3>
      {templates.length === 0 && <p className="mt-2 text-sm">{t.none}</p>}
      <ul className="mt-2 space-y-2">
        {templates.map((template) => (
          <li key={template.id} className="rounded-md border border-slate-200 p-2">
            <details>
              <summary className="cursor-pointer text-sm font-medium">{t.edit(template.name)}</summary>
              <TemplateForm mailboxId={mailboxId} template={template} />
              <div className="mt-2">
                <ConfirmButton
                  action={deleteTemplate}
                  fields={{ mailboxId, templateId: template.id }}
                  label={t.remove}
                  accessibleName={t.removeNamed(template.name)}
                  question={t.confirmRemove(template.name)}
                  confirmLabel={t.confirm}
                  size="sm"
                />
              </div>
            </details>
          </li>
        ))}
      </ul>
      <details className="mt-3">
        <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand-700 underline sm:min-h-0">
          {t.create}
        </summary>
        <TemplateForm key={templates.length} mailboxId={mailboxId} />
      </details>
    </section>
  );
}
