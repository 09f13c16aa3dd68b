"use client";

import type { Editor } from "@tiptap/react";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, useTransition } from "react";
import { cancelScheduled, deleteDraft, saveDraft, send } from "@/lib/actions/compose";
import { ActionButton } from "@/components/ui/action-button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { ActionState } from "@/lib/actions/state";
import { useFormAction } from "@/lib/actions/use-form-action";
import { readProblem } from "@/lib/http/read-problem";
import * as fr from "@/lib/i18n/fr-compose";
import * as forms from "@/lib/i18n/fr-forms";
import { formatDateTime } from "@/lib/i18n/format";
import { AttachmentField } from "./attachment-field";
import { BodyField, type BodyFormat } from "./body-field";
import { saveToStore, subscribeStore } from "./browser-store";
import { isPatientAddress } from "@/lib/mail/patient-address";
import { RecipientField } from "./recipient-field";
import { SendOptions } from "./send-options";
import { TemplatePicker } from "@/components/templates/template-picker";
import type { TemplateView } from "@/db/queries/templates";
import { fillTemplate } from "@/lib/templates/placeholders";
import { textToHtml } from "@/lib/mail/text-paragraphs";

type Box = { id: string; address: string; displayName: string; canSend: boolean; canEdit: boolean };
type Attached = { id: string; filename: string; size: number; contentType: string };

const AUTOSAVE_MS = 2_500;
/** How this browser last chose to write: with formatting unless it chose plain text. */
const FORMAT_KEY = "mssante.composeFormat";

/**
 * Controlled fields, so a refused send keeps everything typed. The draft's id
 * is chosen here, so the autosave a few seconds after the last change, the
 * save when the page closes and the attachments all land on the same draft.
 */
export function ComposeForm({
  boxes,
  limits,
  attachments,
  defaults,
  scheduled = null,
  templates = [],
}: {
  boxes: Box[];
  limits: { subject: number; body: number; attachment: number; message: number; attachments: number };
  attachments: Attached[];
  defaults: {
    mailboxId: string;
    to: string;
    cc: string;
    bcc: string;
    subject: string;
    body: string;
    /** The same body for the editor; null for a draft written as plain text. */
    html: string | null;
    replyTo: string | null;
    draftId: string | null;
    receipt: boolean;
  };
  /** A send of this draft put off: until cancelled the draft is shown as it will go, not editable; `failure` says why it failed, in French. */
  scheduled?: { id: string; sendAt: Date; failure: string | null } | null;
  /** The « réponses types » of the boxes one may write from. */
  templates?: TemplateView[];
}) {
  const locked = Boolean(scheduled && !scheduled.failure);
  // The body's length is checked before sending, as the server will: a refusal keeps the page and what was typed.
  const bodyTooLong = (formData: FormData): ActionState | null => {
    const field = formData.has("html") ? "html" : "body";
    return String(formData.get(field) ?? "").length > limits.body
      ? { ok: false, code: "invalid_input", error: forms.errors.invalidForm, fieldErrors: { [field]: [forms.errors.bodyTooLong] } }
      : null;
  };
  const [sendState, sendAction, sending] = useFormAction(send, bodyTooLong);
  const [draftState, draftAction, saving] = useFormAction(saveDraft, bodyTooLong);
  const [last, setLast] = useState<"send" | "draft">("send");
  const state = last === "send" ? sendState : draftState;
  // The server says this draft went out (a colleague sent it, or a send whose answer was lost): nothing more to save or send.
  const [sentElsewhere, setSentElsewhere] = useState<string | null>(null);
  const sentNotice = [sendState, draftState].find((s) => s.code === "already_sent")?.error ?? sentElsewhere;
  const [draftId] = useState(() => defaults.draftId ?? crypto.randomUUID());
  const [values, setValues] = useState({
    mailboxId: defaults.mailboxId,
    to: defaults.to,
    cc: defaults.cc,
    bcc: defaults.bcc,
    subject: defaults.subject,
    body: defaults.body,
    html: defaults.html ?? "",
    receipt: defaults.receipt,
    closePatient: false,
  });
  // Offered only while a patient is among the recipients, never ticked beforehand; the server decides again.
  const toPatient = [values.to, values.cc, values.bcc].some((field) => field.split(",").some(isPatientAddress));
  // A draft opens as it was written; a new message as this browser likes to write.
  const preferred = useSyncExternalStore(
    subscribeStore,
    () => localStorage.getItem(FORMAT_KEY) ?? "rich",
    () => "rich",
  );
  const [chosenFormat, setChosenFormat] = useState<BodyFormat | null>(
    defaults.draftId ? (defaults.html === null ? "plain" : "rich") : null,
  );
  const format: BodyFormat = chosenFormat ?? (preferred === "plain" ? "plain" : "rich");
  const editorRef = useRef<Editor | null>(null);
  // Switching carries what is written across: the text part the server would draw, or the text as paragraphs.
  const switchFormat = async () => {
    if (format === "rich") {
      const { htmlToText } = await import("@/lib/mail/html-text");
      set({ body: htmlToText(values.html) });
    } else set({ html: textToHtml(values.body) });
    const next = format === "rich" ? "plain" : "rich";
    setChosenFormat(next);
    saveToStore(FORMAT_KEY, next);
  };
  const insertTemplate = (text: string) => {
    const filled = fillTemplate(text, values.to);
    if (format === "rich") editorRef.current?.chain().focus().insertContentAt(0, textToHtml(filled)).run();
    else set({ body: `${filled}${values.body}` });
  };
  const [showBcc, setShowBcc] = useState(Boolean(defaults.bcc));
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [uploading, setUploading] = useState(false);
  const [autosaving, startAutosave] = useTransition();
  const dirty = useRef(false);
  const leaving = useRef(false);
  const formRef = useRef<HTMLFormElement>(null);
  const box = boxes.find((b) => b.id === values.mailboxId) ?? boxes[0];

  // Fields changed since the last refusal: their errors no longer describe what is there.
  const [changedSince, setChangedSince] = useState<{ state: ActionState; fields: string[] }>({ state, fields: [] });
  const set = (patch: Partial<typeof values>) => {
    dirty.current = true;
    setValues((v) => ({ ...v, ...patch }));
    setChangedSince((c) => ({ state, fields: [...(c.state === state ? c.fields : []), ...Object.keys(patch)] }));
  };
  // Once the draft exists, a reload of the page reopens it. The URL only:
  // re-rendering the page here could race with a send deleting the draft.
  const remember = useCallback(() => {
    if (new URLSearchParams(window.location.search).get("draft") !== draftId) window.history.replaceState(null, "", `?draft=${draftId}`);
  }, [draftId]);
  // What a background save keeps: the recipients entered, never the text still being typed in a recipient field.
  const latest = useRef(values);
  useEffect(() => {
    latest.current = values;
  });
  const draftData = (form: HTMLFormElement) => {
    const data = new FormData(form);
    for (const field of ["to", "cc", "bcc"] as const) data.set(field, latest.current[field]);
    return data;
  };

  // A refused send leaves the page open: background saving resumes.
  useEffect(() => {
    leaving.current = false;
  }, [sendState, draftState]);

  // Save in the background a few seconds after the last change. A plain
  // request, not a server action: it must never refresh or redirect the page.
  useEffect(() => {
    if (!box.canEdit || !dirty.current || sentNotice) return;
    const timer = setTimeout(() => {
      if (leaving.current) return;
      dirty.current = false;
      startAutosave(async () => {
        const response = await fetch("/api/drafts", { method: "POST", body: draftData(formRef.current!) });
        if (response.ok) {
          setSavedAt(new Date());
          remember();
        } else {
          const problem = readProblem(await response.text().catch(() => ""));
          if (problem?.code === "already_sent") setSentElsewhere(problem.detail);
        }
      });
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
  }, [values, box.canEdit, remember, sentNotice]);

  // And when the tab closes, or the person goes elsewhere in the app (the form unmounts), with unsaved changes.
  const mayFlush = useRef(false);
  useEffect(() => {
    mayFlush.current = box.canEdit && !sentNotice;
  });
  useEffect(() => {
    // The form element itself: still readable once React has detached it, when the cleanup below runs.
    const form = formRef.current!;
    const flush = () => {
      if (!mayFlush.current || !dirty.current || leaving.current) return;
      dirty.current = false;
      fetch("/api/drafts", { method: "POST", body: draftData(form), keepalive: true });
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, []);

  const changed = changedSince.state === state ? changedSince.fields : [];
  const errors = Object.fromEntries(Object.entries(state.fieldErrors ?? {}).filter(([field]) => !changed.includes(field)));
  // « Le formulaire contient des erreurs » goes with the last of them.
  const formFixed = state.error === forms.errors.invalidForm && state.fieldErrors && Object.keys(errors).length === 0;
  const error = sentNotice ?? (formFixed ? undefined : state.error);
  // A background save still in flight would otherwise land after the send; a sent draft takes neither.
  const pending = sending || saving || autosaving || uploading || Boolean(sentNotice);
  return (
    <div className="max-w-3xl space-y-4">
      {scheduled && (
        <div className="flex flex-wrap items-center gap-3 rounded-md border border-amber-700 bg-amber-50 p-3 text-sm">
          <span role="status">
            {scheduled.failure
              ? fr.compose.scheduledFailed(scheduled.failure)
              : fr.compose.scheduledBanner(formatDateTime(scheduled.sendAt))}
          </span>
          {!scheduled.failure && (
            <ActionButton
              action={cancelScheduled}
              fields={{ mailboxId: defaults.mailboxId, scheduleId: scheduled.id }}
              label={fr.compose.cancelScheduled}
            />
          )}
        </div>
      )}
      <form ref={formRef} action={sendAction} className="space-y-4" onSubmit={() => (leaving.current = true)}>
        {error && <Alert kind="error">{error}</Alert>}
        <fieldset disabled={locked} className="space-y-4">
          {defaults.replyTo && <input type="hidden" name="replyTo" value={defaults.replyTo} />}
          <input type="hidden" name="draftId" value={draftId} />
          <div>
            <label htmlFor="compose-from" className="block text-sm font-medium">
              {fr.compose.from}
            </label>
            <select
              id="compose-from"
              name="mailboxId"
              value={values.mailboxId}
              onChange={(e) => set({ mailboxId: e.target.value })}
              className="mt-1 block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm"
            >
              {boxes.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.displayName} &lt;{b.address}&gt;
                </option>
              ))}
            </select>
          </div>
          <RecipientField
            label={fr.compose.to}
            name="to"
            value={values.to}
            onChange={(to) => set({ to })}
            errors={errors.to}
            help={fr.compose.recipientsHelp}
          />
          <RecipientField label={fr.compose.cc} name="cc" value={values.cc} onChange={(cc) => set({ cc })} errors={errors.cc} />
          {showBcc ? (
            <RecipientField label={fr.compose.bcc} name="bcc" value={values.bcc} onChange={(bcc) => set({ bcc })} errors={errors.bcc} />
          ) : (
            <button type="button" className="text-sm text-brand-700 underline" onClick={() => setShowBcc(true)}>
              {fr.compose.addBcc}
            </button>
          )}
          <TextField
            label={fr.compose.subject}
            errors={errors.subject}
            maxLength={limits.subject}
            name="subject"
            value={values.subject}
            onChange={(e) => set({ subject: e.target.value })}
          />
          <TemplatePicker templates={templates.filter((m) => m.mailboxId === values.mailboxId)} onInsert={insertTemplate} />
          <BodyField
            format={format}
            body={values.body}
            html={values.html}
            errors={format === "rich" ? errors.html : errors.body}
            disabled={locked}
            onBody={(body) => set({ body })}
            onHtml={(html) => set({ html })}
            onSwitch={switchFormat}
            editorRef={editorRef}
          />
          {box.canEdit ? (
            <AttachmentField
              mailboxId={values.mailboxId}
              draftId={draftId}
              initial={attachments}
              maxFile={limits.attachment}
              maxMessage={limits.message}
              maxFiles={limits.attachments}
              onChange={remember}
              onBusyChange={setUploading}
            />
          ) : (
            <p className="text-sm text-slate-700">{fr.attachments.needDraft}</p>
          )}
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="receipt" checked={values.receipt} onChange={(e) => set({ receipt: e.target.checked })} />
            {fr.compose.receipt}
          </label>
          {toPatient && (
            <div>
              <label className="flex items-center gap-2 text-sm font-medium">
                <input
                  type="checkbox"
                  name="closePatient"
                  checked={values.closePatient}
                  onChange={(e) => set({ closePatient: e.target.checked })}
                  aria-describedby="close-patient-help"
                />
                {fr.compose.closePatient}
              </label>
              <p id="close-patient-help" className="ml-6 text-sm text-slate-700">
                {fr.compose.closePatientHelp}
              </p>
              {errors.closePatient && <p className="ml-6 text-sm text-red-800">{errors.closePatient[0]}</p>}
            </div>
          )}
          {!box.canSend && <p className="text-sm text-slate-700">{fr.compose.noSendRight}</p>}
          <div className="flex flex-wrap items-center gap-2">
            {box.canSend && (
              <Button type="submit" disabled={pending} onClick={() => setLast("send")}>
                {sending ? fr.compose.sending : fr.compose.send}
              </Button>
            )}
            {box.canEdit && (
              <Button type="submit" variant="secondary" formAction={draftAction} disabled={pending} onClick={() => setLast("draft")}>
                {fr.compose.saveDraft}
              </Button>
            )}
            <p role="status" className="text-sm text-slate-700">
              {autosaving
                ? fr.compose.autosaving
                : savedAt
                  ? fr.compose.autosaved(savedAt.toLocaleTimeString("fr-FR", { hour: "2-digit", minute: "2-digit" }))
                  : ""}
            </p>
            {box.canSend && <SendOptions disabled={pending} onSchedule={() => setLast("send")} />}
          </div>
        </fieldset>
      </form>
      {defaults.draftId && box.canEdit && !sentNotice && (
        // Deleting is leaving: no save on the way out may bring the draft back.
        <div onSubmit={() => (leaving.current = true)}>
          <ConfirmButton
            action={deleteDraft}
            fields={{ mailboxId: defaults.mailboxId, draftId: defaults.draftId }}
            label={fr.compose.deleteDraft}
            question={fr.compose.confirmDeleteDraft}
            confirmLabel={fr.compose.confirmDelete}
          />
        </div>
      )}
    </div>
  );
}
