"use client";

import { Combobox, ComboboxInput, ComboboxOption, ComboboxOptions, Field, Label } from "@headlessui/react";
import { useState } from "react";
import * as fr from "@/lib/i18n/fr-admin";

export type Person = { id: string; name: string; profession: string | null };
const t = fr.delegations;

const label = (p: Person) => (p.profession ? `${p.name} — ${p.profession}` : p.name);
/** Accents and case do not matter when looking for someone. */
const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase();

/** One field to find and choose a person of the structure, by name or profession (Headless UI's combobox). */
export function PersonPicker({
  people,
  value,
  onChange,
  errors,
}: {
  people: Person[];
  value: string;
  onChange: (id: string) => void;
  errors?: string[];
}) {
  const [query, setQuery] = useState("");
  const shown = query ? people.filter((p) => fold(label(p)).includes(fold(query))) : people;
  const selected = people.find((p) => p.id === value) ?? null;
  return (
    <Field>
      <Label className="block text-sm font-medium">{t.pickPerson}</Label>
      <Combobox value={selected} onChange={(p: Person | null) => onChange(p?.id ?? "")} onClose={() => setQuery("")} immediate>
        <ComboboxInput
          displayValue={(p: Person | null) => (p ? label(p) : "")}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t.pickPersonHint}
          aria-invalid={errors?.length ? true : undefined}
          className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm"
        />
        <ComboboxOptions
          anchor="bottom start"
          className="z-50 max-h-64 w-(--input-width) overflow-auto rounded-md border border-slate-300 bg-white shadow-lg empty:invisible"
        >
          {shown.length === 0 ? (
            <p className="px-3 py-2 text-sm text-slate-700">{t.noPersonMatches}</p>
          ) : (
            shown.map((p) => (
              <ComboboxOption key={p.id} value={p} className="cursor-pointer px-3 py-2 text-sm data-focus:bg-brand-50">
                {label(p)}
              </ComboboxOption>
            ))
          )}
        </ComboboxOptions>
      </Combobox>
      <input type="hidden" name="userId" value={value} />
      {errors?.map((e) => (
        <p key={e} className="mt-1 text-sm text-red-800">
          {e}
        </p>
      ))}
    </Field>
  );
}
