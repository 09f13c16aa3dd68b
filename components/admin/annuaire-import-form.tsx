"use client";

import { useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { readProblem } from "@/lib/http/read-problem";
import * as fr from "@/lib/i18n/fr-admin";
import * as forms from "@/lib/i18n/fr-forms";

type Event = { rows?: number; percent?: number; rate?: number; done?: boolean; seconds?: number; error?: string };
const t = fr.annuaire;

/** Upload with XHR (upload progress), then read the import's progress lines as they arrive. */
export function AnnuaireImportForm() {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<number | null>(null);
  const [progress, setProgress] = useState<Event | null>(null);
  const [result, setResult] = useState<Event | null>(null);

  function start() {
    if (!file) return;
    setResult(null);
    setProgress(null);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/annuaire/import");
    xhr.setRequestHeader("X-Filename", file.name);
    xhr.upload.onprogress = (e) => e.lengthComputable && setUpload(e.loaded / e.total);
    let seen = 0;
    const read = () => {
      const lines = xhr.responseText.slice(seen).split("\n");
      const complete = lines.slice(0, -1);
      seen += complete.reduce((n, l) => n + l.length + 1, 0);
      for (const line of complete) {
        const event = JSON.parse(line) as Event;
        if (event.done || event.error) setResult(event);
        else setProgress(event);
      }
    };
    xhr.onprogress = read;
    xhr.onload = () => {
      setUpload(null);
      // A refusal (signed out, no right, unreadable request) is one problem, not progress lines.
      if (xhr.status >= 400) setResult({ error: readProblem(xhr.responseText)?.detail ?? forms.errors.unexpected });
      else read();
    };
    xhr.send(file);
  }

  const running = upload !== null && !result;
  return (
    <div className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
      <div>
        <label htmlFor={id} className="block text-sm font-medium">
          {t.importFile}
        </label>
        <input
          id={id}
          type="file"
          accept=".txt,.csv,.zip"
          className="mt-1 block text-sm"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
      </div>
      <Button type="button" onClick={start} disabled={!file || running}>
        {t.import}
      </Button>
      {running && (
        <div className="space-y-1 text-sm">
          <label className="flex items-center gap-2">
            {t.uploadProgress}
            <progress max={1} value={upload ?? 0} />
          </label>
          {progress && (
            <label className="flex items-center gap-2">
              {t.importing(progress.rows ?? 0, progress.rate ?? 0)}
              <progress max={100} value={progress.percent ?? 0} />
            </label>
          )}
        </div>
      )}
      {result?.done && <Alert kind="notice">{t.imported(result.rows ?? 0, result.seconds ?? 0)}</Alert>}
      {result?.error && <Alert kind="error">{result.error}</Alert>}
    </div>
  );
}
