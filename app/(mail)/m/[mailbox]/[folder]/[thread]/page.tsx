import { notFound } from "next/navigation";
import { liveRefreshMs } from "@/components/mail/mail-shell";
import { ThreadView } from "@/components/mail/thread-view";
import { db } from "@/db/client";
import { deliveriesOf } from "@/db/queries/deliveries";
import { folderOptions } from "@/db/queries/folders";
import { membersOf, placeFor } from "@/db/queries/render-cache";
import { openThread } from "@/db/queries/messages";
import { conversationsWith } from "@/db/queries/patients";
import { writeAudit } from "@/lib/audit/write";
import { requireMailbox } from "@/lib/authz/require";
import { can } from "@/lib/authz/permissions";
import { describeDeliveries } from "@/lib/mail/delivery-status";
import { patientsAmong } from "@/lib/mail/patient-address";
import { requestMeta } from "@/lib/request";

export default async function ThreadPage({
  params,
  searchParams,
}: {
  params: Promise<{ mailbox: string; folder: string; thread: string }>;
  searchParams: Promise<{ images?: string; full?: string }>;
}) {
  const [{ mailbox, folder, thread }, { images, full }] = await Promise.all([params, searchParams]);
  const { principal, access } = await requireMailbox(mailbox, "mailbox.read");
  const place = await placeFor(db, access, folder);
  if (!place) notFound();
  const meta = await requestMeta();
  // What the view shows beside any thread (the team, the folders to file in) is read while the thread is.
  const beside = Promise.all([
    access.mailbox.type === "PER" ? null : membersOf(db, access),
    can(access, "message.edit") ? folderOptions(db, access) : [],
  ]);
  // Not awaited when the thread is missing: its failure is then of no interest to anyone.
  beside.catch(() => {});
  const messages = await openThread(db, { principal, access, folder: place.folder, threadId: thread, meta });
  if (!messages) {
    await writeAudit(db, meta, {
      actorUserId: principal.userId,
      mailboxId: access.mailbox.id,
      action: "message.read",
      target: thread.slice(0, 100),
      result: "refused",
      reason: "not_found",
    });
    notFound();
  }
  const sent = messages.filter((m) => m.folder === "sent").map((m) => m.id);
  const patients = patientsAmong(messages.flatMap((m) => [m.fromAddress, ...[...m.to, ...m.cc].map((a) => a.address)]));
  const [[members, folders], deliveries, patientConversations] = await Promise.all([
    beside,
    deliveriesOf(db, access, sent),
    conversationsWith(db, access, patients),
  ]);
  return (
    <ThreadView
      mailboxId={access.mailbox.id}
      folder={folder}
      threadId={thread}
      messages={messages}
      canEdit={can(access, "message.edit")}
      canSend={can(access, "message.send")}
      members={members}
      folders={folders}
      remoteImages={images === "1"}
      deliveries={describeDeliveries(deliveries)}
      patientConversations={patientConversations}
      liveRefreshMs={liveRefreshMs()}
      fullPage={full === "1"}
    />
  );
}
