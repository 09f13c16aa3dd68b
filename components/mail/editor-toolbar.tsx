"use client";

import { useEditorState, type Editor } from "@tiptap/react";
import { useId, useState, type ReactNode } from "react";
import * as fr from "@/lib/i18n/fr-compose";
import { isLinkUrl } from "@/lib/mail/link-url";

const t = fr.compose.editor;

function Tool({
  label,
  active,
  disabled,
  onClick,
  children,
}: {
  label: string;
  active?: boolean;
  disabled?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      title={label}
      aria-label={label}
      aria-pressed={active}
      disabled={disabled}
      // Keep the selection in the editor: a toolbar click must format what was selected.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onClick}
      className="inline-flex min-h-11 min-w-11 items-center justify-center rounded px-2 text-sm text-slate-900 hover:bg-slate-100 disabled:opacity-50 aria-pressed:bg-brand-50 aria-pressed:text-brand-800 aria-pressed:ring-1 aria-pressed:ring-brand-700 sm:min-h-8 sm:min-w-8"
    >
      {children}
    </button>
  );
}

/** The formatting buttons, each saying whether it applies where the cursor is. */
export function EditorToolbar({ editor, disabled, label }: { editor: Editor | null; disabled: boolean; label: string }) {
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      e && {
        bold: e.isActive("bold"),
        italic: e.isActive("italic"),
        underline: e.isActive("underline"),
        bulletList: e.isActive("bulletList"),
        orderedList: e.isActive("orderedList"),
        quote: e.isActive("blockquote"),
        link: e.isActive("link"),
        href: (e.getAttributes("link").href as string | undefined) ?? "",
        table: e.isActive("table"),
        canUndo: e.can().undo(),
        canRedo: e.can().redo(),
      },
  });
  const [linking, setLinking] = useState(false);
  const off = disabled || !editor || !state;
  const run = (command: (chain: ReturnType<Editor["chain"]>) => ReturnType<Editor["chain"]>) =>
    editor && command(editor.chain().focus()).run();
  return (
    <div className="border-b border-slate-300 bg-slate-50 px-1 py-1">
      <div role="toolbar" aria-label={label} className="flex flex-wrap items-center gap-0.5">
        <Tool label={t.bold} active={state?.bold} disabled={off} onClick={() => run((c) => c.toggleBold())}>
          <strong aria-hidden>G</strong>
        </Tool>
        <Tool label={t.italic} active={state?.italic} disabled={off} onClick={() => run((c) => c.toggleItalic())}>
          <em aria-hidden className="font-serif">
            I
          </em>
        </Tool>
        <Tool label={t.underline} active={state?.underline} disabled={off} onClick={() => run((c) => c.toggleUnderline())}>
          <span aria-hidden className="underline">
            S
          </span>
        </Tool>
        <span aria-hidden className="mx-1 h-5 w-px bg-slate-300" />
        <Tool label={t.bulletList} active={state?.bulletList} disabled={off} onClick={() => run((c) => c.toggleBulletList())}>
          <span aria-hidden>• ≡</span>
        </Tool>
        <Tool label={t.orderedList} active={state?.orderedList} disabled={off} onClick={() => run((c) => c.toggleOrderedList())}>
          <span aria-hidden>1. ≡</span>
        </Tool>
        <Tool label={t.quote} active={state?.quote} disabled={off} onClick={() => run((c) => c.toggleBlockquote())}>
          <span aria-hidden>❝</span>
        </Tool>
        <Tool label={t.link} active={linking || state?.link} disabled={off} onClick={() => setLinking((v) => !v)}>
          <span aria-hidden>🔗</span>
        </Tool>
        <Tool
          label={t.table}
          disabled={off || state?.table}
          onClick={() => run((c) => c.insertTable({ rows: 3, cols: 2, withHeaderRow: true }))}
        >
          <span aria-hidden>▦</span>
        </Tool>
        {state?.table && (
          <>
            <Tool label={t.addRow} disabled={off} onClick={() => run((c) => c.addRowAfter())}>
              <span aria-hidden>+ ligne</span>
            </Tool>
            <Tool label={t.addColumn} disabled={off} onClick={() => run((c) => c.addColumnAfter())}>
              <span aria-hidden>+ col.</span>
            </Tool>
            <Tool label={t.deleteRow} disabled={off} onClick={() => run((c) => c.deleteRow())}>
              <span aria-hidden>− ligne</span>
            </Tool>
            <Tool label={t.deleteTable} disabled={off} onClick={() => run((c) => c.deleteTable())}>
              <span aria-hidden>✕ ▦</span>
            </Tool>
          </>
        )}
        <span aria-hidden className="mx-1 h-5 w-px bg-slate-300" />
        <Tool label={t.undo} disabled={off || !state?.canUndo} onClick={() => run((c) => c.undo())}>
          <span aria-hidden>↶</span>
        </Tool>
        <Tool label={t.redo} disabled={off || !state?.canRedo} onClick={() => run((c) => c.redo())}>
          <span aria-hidden>↷</span>
        </Tool>
      </div>
      {linking && editor && (
        <LinkField
          initial={state?.href ?? ""}
          onApply={(href) => {
            run((c) => c.extendMarkRange("link").setLink({ href }));
            setLinking(false);
          }}
          onRemove={() => {
            run((c) => c.extendMarkRange("link").unsetLink());
            setLinking(false);
          }}
          onClose={() => {
            setLinking(false);
            editor.commands.focus();
          }}
        />
      )}
    </div>
  );
}

/** The link's address, typed in place (a nested form cannot exist inside compose's form): Entrée applies, Échap closes. */
function LinkField({
  initial,
  onApply,
  onRemove,
  onClose,
}: {
  initial: string;
  onApply: (href: string) => void;
  onRemove: () => void;
  onClose: () => void;
}) {
  const [href, setHref] = useState(initial);
  const [invalid, setInvalid] = useState(false);
  const id = useId();
  const apply = () => {
    const value = href.trim();
    if (!isLinkUrl(value)) return setInvalid(true);
    onApply(value);
  };
  return (
    <div className="mt-1 flex flex-wrap items-end gap-2 px-1 pb-1">
      <div>
        <label htmlFor={id} className="block text-xs font-medium">
          {t.linkUrl}
        </label>
        <input
          id={id}
          type="url"
          autoFocus
          value={href}
          placeholder="https://"
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onChange={(e) => {
            setHref(e.target.value);
            setInvalid(false);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              apply();
            } else if (e.key === "Escape") {
              e.preventDefault();
              onClose();
            }
          }}
          className="mt-0.5 w-72 max-w-full rounded border border-slate-400 bg-white px-2 py-1 text-sm"
        />
      </div>
      <button type="button" onClick={apply} className="rounded border border-slate-400 bg-white px-2 py-1 text-sm hover:bg-slate-100">
        {t.linkApply}
      </button>
      {initial && (
        <button type="button" onClick={onRemove} className="rounded border border-slate-400 bg-white px-2 py-1 text-sm hover:bg-slate-100">
          {t.linkRemove}
        </button>
      )}
      {invalid && (
        <p id={`${id}-error`} className="w-full text-sm text-red-800">
          {t.linkInvalid}
        </p>
      )}
    </div>
  );
}
