import Link from "next/link";
import { fr } from "@/lib/i18n/fr";
import { composeHrefFor, internalMailtoLinks } from "@/lib/mail/internal-links";
import { htmlView, type StoredHtml } from "@/lib/mail/html-body";
import { LINK_TARGET } from "@/lib/mail/sanitize";
import { splitQuoted } from "@/lib/mail/quoted";
import { textLinks } from "@/lib/mail/text-links";

/** Links open in a new tab, nothing else: no scripts, no same origin, no forms. */
const FRAME_SANDBOX = "allow-popups allow-popups-to-escape-sandbox";

/** The frame's own policy: nothing loads but inline images, and remote ones once the person asked. */
function frameCsp(remoteImages: boolean) {
  const images = remoteImages ? "data: https: http:" : "data:";
  return `default-src 'none'; img-src ${images}; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;
}

function frameDocument(html: string, remoteImages: boolean) {
  return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${frameCsp(remoteImages)}"><meta name="referrer" content="no-referrer"><style>body{margin:0;font:14px/1.5 system-ui,sans-serif;color:#0f172a;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style></head><body>${html}</body></html>`;
}

const linkStyle = "text-brand-700 underline";

/** Text escaped by React, its links made clickable; an address opens this webmail's compose. */
const linked = (text: string, mailboxId: string) =>
  textLinks(text).map((part, i) => {
    if (!part.href) return part.text;
    const compose = composeHrefFor(part.href, mailboxId);
    return compose ? (
      <Link key={i} href={compose} className={linkStyle}>
        {part.text}
      </Link>
    ) : (
      <a key={i} href={part.href} {...LINK_TARGET} className={linkStyle}>
        {part.text}
      </a>
    );
  });

/** Plain text; quoted runs folded behind "…", opened with a click and without scripts. */
function PlainText({ text, mailboxId }: { text: string; mailboxId: string }) {
  return (
    <div className="mt-4 font-sans text-sm leading-relaxed break-words whitespace-pre-wrap">
      {splitQuoted(text).map((part, i) =>
        part.quoted ? (
          <details key={i} className="text-slate-700">
            <summary className="w-fit cursor-pointer rounded border border-slate-300 px-2 leading-5" aria-label={fr.message.showQuoted}>
              …
            </summary>
            {linked(part.text, mailboxId)}
          </details>
        ) : (
          <span key={i}>{linked(part.text, mailboxId)}</span>
        ),
      )}
    </div>
  );
}

/**
 * A message's body: received HTML, sanitised on the server, in a sandboxed
 * frame (a blocked-images banner above it); HTML written here, in the page;
 * HTML too complex to show, as a notice offering the original and the text
 * beside it; or plain text.
 */
export function MessageBody({
  mailboxId,
  message,
  remoteImages,
  showImagesHref,
  originalHref,
}: {
  /** The box the message is read in: its addresses open compose from there. */
  mailboxId: string;
  message: Omit<StoredHtml, "bodyHtml"> & { bodyText: string; bodyHtml: string | null; htmlComposed: boolean };
  remoteImages: boolean;
  /** This page with remote images allowed. */
  showImagesHref: string;
  /** The message as a .eml file. */
  originalHref: string;
}) {
  const { bodyHtml, bodyText } = message;
  if (bodyHtml === null) return <PlainText text={bodyText} mailboxId={mailboxId} />;
  const view = htmlView({ ...message, bodyHtml }, { remoteImages });
  if (!view)
    return (
      <div className="mt-4">
        <p className="rounded-md border border-amber-700 bg-amber-50 p-3 text-sm">
          {fr.message.tooComplex} —{" "}
          <a href={originalHref} download className={linkStyle}>
            {fr.message.downloadOriginal}
          </a>
        </p>
        {bodyText && <PlainText text={bodyText} mailboxId={mailboxId} />}
      </div>
    );
  const { html, blockedImages } = view;
  // Written with this webmail's editor: its allowlist (lib/mail/composed-html.ts) needs no frame, and reads like text.
  if (message.htmlComposed)
    return (
      <div
        className="rich-content mt-4 text-sm leading-relaxed"
        dangerouslySetInnerHTML={{ __html: internalMailtoLinks(html, mailboxId) }}
      />
    );
  return (
    <div className="mt-4 space-y-2">
      {blockedImages > 0 && (
        <div className="flex flex-wrap items-center gap-3 rounded-md border border-amber-700 bg-amber-50 p-3 text-sm">
          <span>{fr.message.imagesBlocked(blockedImages)}</span>
          <Link
            href={showImagesHref}
            scroll={false}
            className="rounded-md border border-slate-400 bg-white px-3 py-1 font-medium hover:bg-slate-100"
          >
            {fr.message.showImages}
          </Link>
        </div>
      )}
      {/* Resizable by hand: without scripts the frame cannot fit its content. */}
      <div className="h-96 resize-y overflow-hidden rounded-md border border-slate-200">
        <iframe
          title={fr.message.htmlBody}
          srcDoc={frameDocument(internalMailtoLinks(html, mailboxId), remoteImages)}
          sandbox={FRAME_SANDBOX}
          referrerPolicy="no-referrer"
          className="h-full w-full bg-white"
        />
      </div>
    </div>
  );
}
