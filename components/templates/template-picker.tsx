"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import type { TemplateView } from "@/db/queries/templates";
import * as fr from "@/lib/i18n/fr-compose";

const t = fr.templates;

/** « Réponse type » in compose: the chosen text goes at the top of the message, its « {nom} » filled in. */
export function TemplatePicker({ templates, onInsert }: { templates: TemplateView[]; onInsert: (body: string) => void }) {
  const [chosen, setChosen] = useState("");
  const id = useId();
  if (templates.length === 0) return null;
  const template = templates.find((m) => m.id === chosen);
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {t.insertLabel}
        </label>
        <select
          id={id}
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          className="mt-1 rounded-md border border-slate-400 bg-white px-2 py-2 text-sm"
        >
          <option value="">{t.choose}</option>
          {templates.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <Button type="button" variant="secondary" disabled={!template} onClick={() => template && onInsert(template.body)}>
        {t.insert}
      </Button>
    </div>
  );
}
