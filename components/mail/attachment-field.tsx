"use client";

import { useId, useState } from "react";
import { removeAttachment } from "@/app/(mail)/m/[mailbox]/compose/actions";
import { idle } from "@/lib/actions/state";
import { formatBytes, fr } from "@/lib/i18n/fr";

type Attached = { id: string; filename: string; size: number; contentType: string };
type Upload = { key: string; name: string; progress: number };

const t = fr.attachments;

/** Upload with XMLHttpRequest: fetch cannot report upload progress. */
function upload(form: FormData, onProgress: (ratio: number) => void): Promise<{ ok: boolean; error?: string; id?: string }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/attachments");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText));
      } catch {
        resolve({ ok: false });
      }
    };
    xhr.onerror = () => resolve({ ok: false });
    xhr.send(form);
  });
}

/**
 * Files attached to the draft. Sizes are checked before anything is sent so
 * no upload is wasted; the server checks again and sniffs the type.
 */
export function AttachmentField({
  mailboxId,
  draftId,
  initial,
  maxFile,
  maxMessage,
  onChange,
  onBusyChange,
}: {
  mailboxId: string;
  draftId: string;
  initial: Attached[];
  maxFile: number;
  maxMessage: number;
  onChange: () => void;
  /** While files are uploading the message cannot be sent without them. */
  onBusyChange: (busy: boolean) => void;
}) {
  const id = useId();
  const [files, setFiles] = useState<Attached[]>(initial);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [errors, setErrors] = useState<string[]>([]);

  async function add(list: FileList) {
    const problems: string[] = [];
    let total = files.reduce((n, f) => n + f.size, 0);
    const accepted: File[] = [];
    for (const file of Array.from(list)) {
      if (file.size > maxFile) problems.push(t.fileTooLarge(file.name, maxFile));
      else if (total + file.size > maxMessage) problems.push(t.messageTooLarge(maxMessage));
      else {
        total += file.size;
        accepted.push(file);
      }
    }
    setErrors(problems);
    if (accepted.length > 0) onBusyChange(true);
    await Promise.all(
      accepted.map(async (file) => {
        const key = `${file.name}-${crypto.randomUUID()}`;
        setUploads((u) => [...u, { key, name: file.name, progress: 0 }]);
        const form = new FormData();
        form.set("mailboxId", mailboxId);
        form.set("draftId", draftId);
        form.set("file", file);
        const result = await upload(form, (progress) => setUploads((u) => u.map((x) => (x.key === key ? { ...x, progress } : x))));
        setUploads((u) => u.filter((x) => x.key !== key));
        if (result.ok && result.id) setFiles((f) => [...f, { id: result.id!, filename: file.name, size: file.size, contentType: file.type }]);
        else setErrors((e) => [...e, result.error ?? t.failed(file.name)]);
        onChange();
      }),
    );
    onBusyChange(false);
  }

  async function remove(file: Attached) {
    const form = new FormData();
    form.set("mailboxId", mailboxId);
    form.set("attachmentId", file.id);
    const result = await removeAttachment(idle, form);
    if (result.ok) setFiles((f) => f.filter((x) => x.id !== file.id));
    else setErrors([result.error ?? t.failed(file.filename)]);
  }

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {t.add}
      </label>
      <input id={id} type="file" multiple aria-describedby={`${id}-help`} className="mt-1 block text-sm" onChange={(e) => e.target.files && add(e.target.files).then(() => (e.target.value = ""))} />
      <p id={`${id}-help`} className="mt-1 text-xs text-slate-600">
        {t.limits(formatBytes(maxFile))}
      </p>
      {errors.length > 0 && (
        <div role="alert">
          {errors.map((e) => (
            <p key={e} className="mt-1 text-sm text-red-800">
              {e}
            </p>
          ))}
        </div>
      )}
      {(files.length > 0 || uploads.length > 0) && (
        <ul aria-label={t.label} className="mt-2 space-y-1">
          {uploads.map((u) => (
            <li key={u.key} className="flex items-center gap-2 text-sm">
              <label className="flex items-center gap-2">
                {t.uploading(u.name)}
                <progress max={1} value={u.progress} />
              </label>
            </li>
          ))}
          {files.map((f) => (
            <li key={f.id} className="flex items-center gap-2 text-sm">
              <span>
                {f.filename} ({formatBytes(f.size)})
              </span>
              <button type="button" onClick={() => remove(f)} className="rounded border border-slate-400 px-2 py-0.5 hover:bg-slate-100" aria-label={`${t.remove} ${f.filename}`}>
                {t.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
