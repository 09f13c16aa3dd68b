"use client";

import { EditorContent, useEditor, type Editor } from "@tiptap/react";
import StarterKit from "@tiptap/starter-kit";
import { TableKit } from "@tiptap/extension-table";
import { useEffect, useRef, type RefObject } from "react";
import * as fr from "@/lib/i18n/fr-compose";
import { cleanPastedHtml } from "@/lib/mail/pasted-html";
import { EditorToolbar } from "./editor-toolbar";

/**
 * The message body written with formatting (TipTap on ProseMirror): bold,
 * italic, underline, lists, quotes, links and simple tables, nothing else.
 * Its HTML is posted as `html`; the server cleans it and draws the text part.
 */
export function RichEditor({
  labelId,
  describedBy,
  invalid,
  initial,
  disabled = false,
  onChange,
  editorRef,
}: {
  labelId: string;
  describedBy?: string;
  invalid: boolean;
  initial: string;
  disabled?: boolean;
  onChange: (html: string) => void;
  /** For compose to insert a « réponse type » where the person writes. */
  editorRef?: RefObject<Editor | null>;
}) {
  // The latest callback, whatever render created the editor.
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  });
  const editor = useEditor({
    extensions: [
      StarterKit.configure({
        heading: false,
        code: false,
        codeBlock: false,
        horizontalRule: false,
        link: { openOnClick: false, autolink: true, defaultProtocol: "https", protocols: ["mailto"] },
      }),
      TableKit.configure({ table: { resizable: false } }),
    ],
    content: initial,
    editable: !disabled,
    // Rendered in the browser only: the server's HTML would not match ProseMirror's first render.
    immediatelyRender: false,
    editorProps: {
      attributes: {
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": labelId,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        ...(invalid ? { "aria-invalid": "true" } : {}),
        class: "rich-content min-h-72 px-3 py-2 text-sm focus:outline-none",
      },
      transformPastedHTML: cleanPastedHtml,
    },
    onCreate: ({ editor }) => {
      if (editorRef) editorRef.current = editor;
    },
    onDestroy: () => {
      if (editorRef) editorRef.current = null;
    },
    onUpdate: ({ editor }) => changed.current(editor.getHTML()),
  });
  // Without an update event: by default TipTap emits one, which marked an untouched draft as changed and saved it.
  useEffect(() => {
    editor?.setEditable(!disabled, false);
  }, [editor, disabled]);
  return (
    <div className="mt-1 rounded-md border border-slate-400 bg-white focus-within:outline-3 focus-within:outline-offset-2 focus-within:outline-brand-700">
      <EditorToolbar editor={editor} disabled={disabled} label={fr.compose.editor.toolbar} />
      <EditorContent editor={editor} />
    </div>
  );
}
