import { formatBytes, fr } from "@/lib/i18n/fr";
import { INLINE_SAFE } from "@/lib/mail/attachments";

type File = { id: string; filename: string; contentType: string; size: number };

/** A message's files: download always, an inline preview only for PDF and images. */
export function AttachmentList({ files }: { files: File[] }) {
  return (
    <ul aria-label={fr.attachments.label} className="mt-4 flex flex-wrap gap-3 border-t border-slate-200 pt-3">
      {files.map((f) => (
        <li key={f.id} className="rounded-md border border-slate-300 p-2 text-sm">
          {f.contentType.startsWith("image/") && INLINE_SAFE.has(f.contentType) && (
            // eslint-disable-next-line @next/next/no-img-element -- served by our own route, never optimised
            <img src={`/api/attachments/${f.id}?inline=1`} alt={f.filename} className="mb-2 max-h-40 max-w-60" />
          )}
          <span className="block font-medium">{f.filename}</span>
          <span className="block text-xs text-slate-600">{formatBytes(f.size)}</span>
          <span className="mt-1 flex gap-3">
            <a
              href={`/api/attachments/${f.id}`}
              download={f.filename}
              className="text-brand-700 underline"
              aria-label={`${fr.attachments.download} ${f.filename}`}
            >
              {fr.attachments.download}
            </a>
            {INLINE_SAFE.has(f.contentType) && (
              <a
                href={`/api/attachments/${f.id}?inline=1`}
                target="_blank"
                rel="noopener noreferrer"
                className="text-brand-700 underline"
                aria-label={`${fr.attachments.preview} ${f.filename}`}
              >
                {fr.attachments.preview}
              </a>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
