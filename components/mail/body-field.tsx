"use client";

import type { Editor } from "@tiptap/react";
import { useId, type RefObject } from "react";
import { Describe, describedBy, TextArea } from "@/components/ui/field";
import * as fr from "@/lib/i18n/fr-compose";
import { RichEditor } from "./rich-editor";

export type BodyFormat = "rich" | "plain";

/**
 * The message itself, written with formatting (posted as `html`) or as plain
 * text (posted as `body`), and the switch between the two.
 */
export function BodyField({
  format,
  body,
  html,
  errors,
  disabled,
  onBody,
  onHtml,
  onSwitch,
  editorRef,
}: {
  format: BodyFormat;
  body: string;
  html: string;
  errors?: string[];
  disabled: boolean;
  onBody: (body: string) => void;
  onHtml: (html: string) => void;
  onSwitch: () => void;
  editorRef: RefObject<Editor | null>;
}) {
  const id = useId();
  const toggle = (
    <button type="button" disabled={disabled} onClick={onSwitch} className="text-sm text-brand-700 underline disabled:opacity-60">
      {format === "rich" ? fr.compose.toPlainText : fr.compose.toRichText}
    </button>
  );
  if (format === "plain")
    return (
      <div className="space-y-1">
        <div className="flex justify-end">{toggle}</div>
        <TextArea label={fr.compose.body} errors={errors} rows={14} name="body" value={body} onChange={(e) => onBody(e.target.value)} />
      </div>
    );
  return (
    <div>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p id={`${id}-label`} className="text-sm font-medium">
          {fr.compose.body}
        </p>
        {toggle}
      </div>
      <input type="hidden" name="html" value={html} />
      <RichEditor
        labelId={`${id}-label`}
        describedBy={describedBy(id, { label: fr.compose.body, errors })}
        invalid={Boolean(errors?.length)}
        initial={html}
        disabled={disabled}
        onChange={onHtml}
        editorRef={editorRef}
      />
      <Describe id={id} errors={errors} />
    </div>
  );
}
