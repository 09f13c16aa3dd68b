"use client";

import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { moveMessage } from "@/lib/actions/mail";
import { useFormAction } from "@/lib/actions/use-form-action";
import * as fr from "@/lib/i18n/fr-mail";
import { FolderSelect, type FolderOption } from "./folder-select";

/** File one message in a folder of the box's own. */
export function FileInForm({
  fields,
  folders,
  current,
}: {
  fields: { mailboxId: string; messageId: string; folder: string };
  folders: readonly FolderOption[];
  current: string | null;
}) {
  const [state, action, pending] = useFormAction(moveMessage);
  if (folders.every((f) => f.id === current)) return null;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FolderSelect folders={folders} exclude={current ?? undefined} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {fr.customFolders.file}
      </Button>
      {state.error && <Alert kind="error">{state.error}</Alert>}
    </form>
  );
}
