"use client";

import { useId, useState } from "react";
import { removeAttachment } from "@/lib/actions/compose";
import { idle } from "@/lib/actions/state";
import { readProblem } from "@/lib/http/read-problem";
import { formatBytes } from "@/lib/i18n/format";
import * as fr from "@/lib/i18n/fr-compose";

type Attached = { id: string; filename: string; size: number; contentType: string };
type Upload = { key: string; name: string; progress: number };

const t = fr.attachments;

/** The id of the stored file, or why it was refused: the file's own error first, else the problem's detail. */
function uploaded(xhr: XMLHttpRequest): { id?: string; error?: string } {
  if (xhr.status >= 200 && xhr.status < 300) {
    try {
      return { id: JSON.parse(xhr.responseText).id };
    } catch {
      return {};
    }
  }
  const problem = readProblem(xhr.responseText);
  return { error: problem ? (Object.values(problem.errors ?? {}).flat()[0] ?? problem.detail) : undefined };
}

/** Upload with XMLHttpRequest: fetch cannot report upload progress. */
function upload(form: FormData, onProgress: (ratio: number) => void): Promise<{ id?: string; error?: string }> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/attachments");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => resolve(uploaded(xhr));
    xhr.onerror = () => resolve({});
    xhr.send(form);
  });
}

/**
 * Files attached to the draft. Sizes and the number of files are checked
 * before anything is sent so no upload is wasted; the server checks again
 * and sniffs the type.
 */
export function AttachmentField({
  mailboxId,
  draftId,
  initial,
  maxFile,
  maxMessage,
  maxFiles,
  onChange,
  onBusyChange,
}: {
  mailboxId: string;
  draftId: string;
  initial: Attached[];
  maxFile: number;
  maxMessage: number;
  maxFiles: number;
  onChange: () => void;
  /** While files are uploading the message cannot be sent without them. */
  onBusyChange: (busy: boolean) => void;
}) {
  const id = useId();
  const [files, setFiles] = useState<Attached[]>(initial);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [errors, setErrors] = useState<string[]>([]);

  async function add(list: FileList) {
    // A selection that does not fit is refused whole: which files to leave out is the person's choice.
    const room = Math.max(0, maxFiles - files.length - uploads.length);
    if (list.length > room) {
      setErrors([t.tooManyChosen(maxFiles, room, list.length)]);
      return;
    }
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
        const { id } = result;
        if (id) setFiles((f) => [...f, { id, filename: file.name, size: file.size, contentType: file.type }]);
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
      <input
        id={id}
        type="file"
        multiple
        aria-describedby={`${id}-help`}
        className="mt-1 block text-sm"
        onChange={(e) => e.target.files && add(e.target.files).then(() => (e.target.value = ""))}
      />
      <p id={`${id}-help`} className="mt-1 text-xs text-slate-600">
        {t.limits(formatBytes(maxFile), maxFiles)}
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
              <button
                type="button"
                onClick={() => remove(f)}
                className="rounded border border-slate-400 px-2 py-0.5 hover:bg-slate-100"
                aria-label={`${t.remove} ${f.filename}`}
              >
                {t.remove}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
