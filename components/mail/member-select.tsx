"use client";

import { useId } from "react";
import * as fr from "@/lib/i18n/fr-mail";

/** « Assigner à »: the colleagues who can read the shared box, or nobody. */
export function MemberSelect({ members, current }: { members: { id: string; name: string }[]; current?: string | null }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="text-sm">
        {fr.message.assignTo}
      </label>
      <select
        id={id}
        name="assigneeId"
        defaultValue={current ?? ""}
        className="rounded-md border border-slate-400 bg-white px-2 py-2 text-sm"
      >
        <option value="">{fr.message.nobody}</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
    </>
  );
}
