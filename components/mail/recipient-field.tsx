"use client";

import { useQuery } from "@tanstack/react-query";
import emailAddresses from "email-addresses";
import { useEffect, useId, useState } from "react";
import * as fr from "@/lib/i18n/fr-compose";

type Check = { text: string; ok: boolean; error?: string | null };

/**
 * Split what was typed into addresses with the same RFC 5322 parser as the
 * server; unreadable text stays whole. Each chip keeps its name and address
 * as typed (quotes included), so the server checks what will be posted.
 */
function split(text: string): string[] {
  const list = emailAddresses.parseAddressList({ input: text, rfc6532: true });
  if (!list) return [text.trim()].filter(Boolean);
  return list.map((a) => {
    if (a.type === "group") return text.trim();
    const address = a.parts.address.tokens.trim();
    return a.parts.name ? `${a.parts.name.tokens.trim()} <${address}>` : address;
  });
}

/** Text that reads as one or more whole addresses, each with its "@" and a domain. */
function looksLikeAddresses(text: string): boolean {
  const list = emailAddresses.parseAddressList({ input: text, rfc6532: true });
  return Boolean(list?.length) && list!.every((a) => a.type === "mailbox" && a.parts.domain.tokens.includes("."));
}

async function checkRecipients(chips: string[]): Promise<Check[]> {
  const params = new URLSearchParams(chips.map((c) => ["a", c]));
  const response = await fetch(`/api/recipients?${params}`);
  if (!response.ok) throw new Error(String(response.status));
  return (await response.json()).results;
}

type Suggestion = { address: string; name: string; detail: string };

async function suggest(q: string): Promise<Suggestion[]> {
  const response = await fetch(`/api/annuaire?q=${encodeURIComponent(q)}`);
  if (!response.ok) throw new Error(String(response.status));
  return (await response.json()).results;
}

/** The value after the person stops typing for a moment. */
function useDebounced(value: string, ms: number) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * Recipients as chips, each checked by the server against the trust space as
 * soon as it is entered. The field posts everything as one list; sending
 * decides again on the server whatever this shows.
 */
export function RecipientField({
  label,
  name,
  value,
  onChange,
  errors,
  help,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  help?: string;
}) {
  const id = useId();
  const [chips, setChips] = useState<string[]>(() => (value ? split(value) : []));
  const [pending, setPending] = useState("");
  const { data } = useQuery({ queryKey: ["recipients", chips], queryFn: () => checkRecipients(chips), enabled: chips.length > 0 });
  const status = new Map((data ?? []).map((c) => [c.text, c]));
  // Annuaire suggestions for what is being typed (an accessible combobox).
  const typed = useDebounced(pending.trim(), 250);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const { data: suggestions = [] } = useQuery({
    queryKey: ["annuaire", typed],
    queryFn: () => suggest(typed),
    enabled: typed.length >= 2 && !typed.includes(","),
  });
  const shown = open && pending.trim().length >= 2 ? suggestions : [];
  const listId = `${id}-suggestions`;

  // Only what was entered (Enter, a comma, leaving the field): half-typed text is never a recipient, not even of a draft.
  const publish = (next: string[]) => onChange(next.join(", "));
  const pick = (s: Suggestion) => commit(`${s.name} <${s.address}>`);
  const commit = (text: string) => {
    setOpen(false);
    setActive(-1);
    const added = split(text).filter((c) => !chips.includes(c));
    const next = [...chips, ...added];
    setChips(next);
    setPending("");
    publish(next);
  };
  const remove = (chip: string) => {
    const next = chips.filter((c) => c !== chip);
    setChips(next);
    publish(next);
  };
  const describedBy = [help && `${id}-help`, errors?.length && `${id}-error`].filter(Boolean).join(" ") || undefined;

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="mt-1 flex flex-wrap items-center gap-1 rounded-md border border-slate-400 bg-white px-2 py-1">
        {chips.length > 0 && (
          <ul aria-label={fr.compose.chipList(label)} className="flex flex-wrap gap-1">
            {chips.map((chip) => {
              const check = status.get(chip);
              const state = !check ? "pending" : check.ok ? "ok" : "refused";
              return (
                <li
                  key={chip}
                  className={`flex items-center gap-1 rounded-full border px-2 py-0.5 text-sm ${state === "refused" ? "border-red-700 bg-red-50 text-red-900" : state === "ok" ? "border-green-700 bg-green-50 text-green-900" : "border-slate-400"}`}
                  title={check?.error ?? undefined}
                >
                  <span aria-hidden>{state === "ok" ? "✓" : state === "refused" ? "✗" : "…"}</span>
                  <span>{chip}</span>
                  <span className="sr-only">
                    {state === "ok" ? fr.compose.chipTrusted : state === "refused" ? fr.compose.chipRefused : fr.compose.chipChecking}
                  </span>
                  <button
                    type="button"
                    onClick={() => remove(chip)}
                    aria-label={fr.compose.removeRecipient(chip)}
                    className="ml-1 rounded px-1 hover:bg-slate-200"
                  >
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        <input
          id={id}
          value={pending}
          autoComplete="off"
          role="combobox"
          aria-expanded={shown.length > 0}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 && shown[active] ? `${listId}-${active}` : undefined}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={describedBy}
          className="min-w-40 flex-1 border-0 px-1 py-1 text-sm outline-none"
          onChange={(e) => {
            setPending(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={(e) => {
            if (e.key === "ArrowDown" && shown.length) {
              e.preventDefault();
              setActive((a) => (a + 1) % shown.length);
            } else if (e.key === "ArrowUp" && shown.length) {
              e.preventDefault();
              setActive((a) => (a <= 0 ? shown.length - 1 : a - 1));
            } else if (e.key === "Escape") {
              setOpen(false);
            } else if (e.key === "Enter" && active >= 0 && shown[active]) {
              e.preventDefault();
              pick(shown[active]);
            } else if ((e.key === "Enter" || e.key === "," || e.key === ";") && pending.trim()) {
              e.preventDefault();
              commit(pending);
            } else if (e.key === "Backspace" && !pending && chips.length > 0) {
              remove(chips[chips.length - 1]);
            }
          }}
          onBlur={() => {
            setOpen(false);
            // Leaving the field enters an address; a fragment ("clai") stays typed, never a recipient of its own.
            if (looksLikeAddresses(pending)) commit(pending);
          }}
        />
      </div>
      <ul
        id={listId}
        role="listbox"
        aria-label={fr.compose.suggestions}
        hidden={shown.length === 0}
        className="mt-1 max-h-64 overflow-auto rounded-md border border-slate-300 bg-white shadow"
      >
        {shown.map((s, i) => (
          <li
            key={s.address}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={`cursor-pointer px-3 py-2 text-sm ${i === active ? "bg-brand-50" : ""}`}
            // Before the input's blur, which would commit the typed text instead.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(s);
            }}
          >
            <span className="font-medium">{s.name}</span> <span className="text-slate-700">&lt;{s.address}&gt;</span>
            {s.detail && <span className="block text-xs text-slate-600">{s.detail}</span>}
          </li>
        ))}
      </ul>
      {/* Posted with what is still typed, so a send decides on it too (and refuses a fragment by name). */}
      <input type="hidden" name={name} value={[value, pending.trim()].filter(Boolean).join(", ")} />
      {help && (
        <p id={`${id}-help`} className="mt-1 text-xs text-slate-600">
          {help}
        </p>
      )}
      {[
        ...new Set([
          ...(errors ?? []),
          ...chips
            .map((c) => status.get(c))
            .filter((c) => c && !c.ok)
            .map((c) => c!.error ?? ""),
        ]),
      ]
        .filter(Boolean)
        .map((e) => (
          <p key={e} id={`${id}-error`} className="mt-1 text-sm text-red-800">
            {e}
          </p>
        ))}
    </div>
  );
}
