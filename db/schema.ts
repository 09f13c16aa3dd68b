import { sql } from "drizzle-orm";
import {
  bigint,
  customType,
  bigserial,
  foreignKey,
  boolean,
  check,
  index,
  inet,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  // PGlite hands back a Uint8Array, node-postgres a Buffer.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/** `admin`: the operator's administrator (liste blanche, platform settings), not a structure's. */
export const userRole = pgEnum("user_role", ["professional", "secretary", "manager", "admin"]);
export const mailboxType = pgEnum("mailbox_type", ["PER", "ORG", "APP", "CAB"]);
export const folder = pgEnum("folder", ["inbox", "sent", "drafts", "archive", "trash"]);
export const outboxStatus = pgEnum("outbox_status", ["pending", "sent", "failed"]);
export const auditResult = pgEnum("audit_result", ["success", "refused", "error"]);

export const structures = pgTable("structures", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  finess: text("finess"),
  domain: text("domain").notNull().unique(),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    structureId: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    login: text("login").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    civility: text("civility"),
    rpps: text("rpps"),
    profession: text("profession"),
    specialty: text("specialty"),
    role: userRole("role").notNull(),
    passwordHash: text("password_hash"),
    oidcSubject: text("oidc_subject").unique(),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_login_key").on(t.login), check("users_login_lower", sql`${t.login} = lower(${t.login})`)],
);

/** Server-side half of a login: the JWT only carries this id, so logout,
 *  idle expiry and disabling a user take effect on the next request. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    ip: inet("ip"),
    userAgent: text("user_agent"),
    /** A Pro Santé Connect login: its ID token, sealed (lib/auth/sealed.ts), for the logout's id_token_hint. Never in the cookie. */
    pscIdToken: text("psc_id_token"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Failed password logins, counted per typed login and per IP (each key a sha256, never what was typed) so
 * the limit holds across restarts and instances (lib/auth/login-throttle.ts).
 */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

export const mailboxes = pgTable(
  "mailboxes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    address: text("address").notNull(),
    type: mailboxType("type").notNull(),
    structureId: uuid("structure_id")
      .notNull()
      .references(() => structures.id),
    displayName: text("display_name").notNull(),
    description: text("description"),
    /** The box's own signature, written with the editor (cleaned HTML); null: the one drawn from the annuaire. */
    signatureHtml: text("signature_html"),
    /** PER: the professional holding the box. */
    holderUserId: uuid("holder_user_id").references(() => users.id),
    /** ORG/CAB: the responsible professional. */
    responsibleUserId: uuid("responsible_user_id").references(() => users.id),
    /** APP: the ORG box receiving replies and bounces. */
    linkedMailboxId: uuid("linked_mailbox_id"),
    /** "Liste rouge": hidden from the annuaire. */
    hidden: boolean("hidden").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("mailboxes_address_key").on(t.address),
    check("mailboxes_address_lower", sql`${t.address} = lower(${t.address})`),
    check("mailboxes_per_holder", sql`${t.type} <> 'PER' or ${t.holderUserId} is not null`),
    check("mailboxes_app_linked", sql`${t.type} <> 'APP' or ${t.linkedMailboxId} is not null`),
    index("mailboxes_holder_idx").on(t.holderUserId),
    index("mailboxes_responsible_idx").on(t.responsibleUserId),
  ],
);

export const delegations = pgTable(
  "delegations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mailboxId: uuid("mailbox_id")
      .notNull()
      .references(() => mailboxes.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    rights: text("rights").array().notNull(),
    grantedBy: uuid("granted_by").references(() => users.id),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull().defaultNow(),
    validUntil: timestamp("valid_until", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check("delegations_rights_known", sql`${t.rights} <@ array['read','edit','send','manage']::text[]`),
    uniqueIndex("delegations_live_key")
      .on(t.mailboxId, t.userId)
      .where(sql`${t.revokedAt} is null`),
    index("delegations_user_idx").on(t.userId),
  ],
);

/**
 * A box's own folders, beside the five fixed ones: shared by everyone who works the box, one level of
 * nesting. Their messages are filed among Archives (`messages.folder` = 'archive') with `folder_id` set.
 */
export const mailboxFolders = pgTable(
  "mailbox_folders",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mailboxId: uuid("mailbox_id")
      .notNull()
      .references(() => mailboxes.id),
    parentId: uuid("parent_id"),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("mailbox_folders_box_id_key").on(t.mailboxId, t.id),
    // A sub-folder is of the same box as its parent.
    foreignKey({ columns: [t.mailboxId, t.parentId], foreignColumns: [t.mailboxId, t.id], name: "mailbox_folders_parent_fk" }),
    // Two folders of one level of one box never share a name, whatever its case.
    uniqueIndex("mailbox_folders_name_key").on(t.mailboxId, sql`coalesce(${t.parentId}, ${t.mailboxId})`, sql`lower(${t.name})`),
    check("mailbox_folders_name_length", sql`char_length(${t.name}) between 1 and 60`),
  ],
);

export type AddressEntry = { address: string; name: string | null };

/** One row per mailbox copy, as IMAP stores it. */
export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mailboxId: uuid("mailbox_id")
      .notNull()
      .references(() => mailboxes.id),
    folder: folder("folder").notNull(),
    /** A folder of the box's own (filed among Archives), or null. */
    folderId: uuid("folder_id"),
    threadId: uuid("thread_id").notNull(),
    messageId: text("message_id").notNull(),
    inReplyTo: text("in_reply_to"),
    references: text("references")
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    fromAddress: text("from_address").notNull(),
    fromName: text("from_name"),
    /** Set when a delegate sent for the box (RFC 5322 Sender:); on a draft, its last author. */
    senderAddress: text("sender_address"),
    senderName: text("sender_name"),
    senderUserId: uuid("sender_user_id").references(() => users.id),
    to: jsonb("to").$type<AddressEntry[]>().notNull(),
    cc: jsonb("cc").$type<AddressEntry[]>().notNull().default([]),
    /** Only ever filled on the sender's own copy. */
    bcc: jsonb("bcc").$type<AddressEntry[]>().notNull().default([]),
    /** RFC 5322 Reply-To: where an answer goes (an applicative box's messages name its organisational box). */
    replyTo: jsonb("reply_to").$type<AddressEntry[]>().notNull().default([]),
    /** On a copy that landed here for an applicative box linked to this one: that box's address ("via …"). */
    viaAddress: text("via_address"),
    subject: text("subject").notNull(),
    /** Always filled: the text part, or the text drawn from the HTML part. */
    bodyText: text("body_text").notNull(),
    /** Received HTML as it arrived, kept for downloading the original; never shown as it is. */
    bodyHtml: text("body_html"),
    /**
     * body_html sanitised once on receipt, remote images taken out: what is shown. Null without HTML,
     * beyond the bounds (html_too_complex), and on rows received before it existed (sanitised when shown).
     */
    bodyHtmlSafe: text("body_html_safe"),
    /** Remote images taken out of body_html_safe, which the reader may ask to see. */
    remoteImages: integer("remote_images").notNull().default(0),
    /** Received HTML beyond the bounds of lib/mail/sanitize.ts: the original is offered for download instead. */
    htmlTooComplex: boolean("html_too_complex").notNull().default(false),
    /** HTML written with this webmail's editor (lib/mail/composed-html.ts): its allowlist has no style nor image, so it is shown in the page, not in a frame. */
    htmlComposed: boolean("html_composed").notNull().default(false),
    /** The attachments' file names, kept by a trigger on `attachments` so search finds them. */
    attachmentNames: text("attachment_names"),
    /**
     * French full-text search (stemmed) over subject, body, names and addresses of sender and
     * recipients, and attachment names; accents folded by `mail_fold()` (db/migrations/0006) as
     * queries are, so neither unaccent nor a per-row copy of the text is needed. Kept by a trigger with
     * `mail_search_document()` (db/migrations/0027), given once for all the copies one insert stores.
     */
    search: tsvector("search"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    flagged: boolean("flagged").notNull().default(false),
    /** On a shared box: the colleague in charge of answering. */
    assignedUserId: uuid("assigned_user_id").references(() => users.id),
    /** On a shared box: when the message was dealt with ("Traité"), and by whom; one state for the whole team. */
    doneAt: timestamp("done_at", { withTimezone: true }),
    doneByUserId: uuid("done_by_user_id").references(() => users.id),
    /** RFC 8098: where the sender wants a read receipt sent (Disposition-Notification-To). */
    receiptTo: text("receipt_to"),
    /** On a received copy: when the reader answered the receipt request (sent or declined). */
    receiptHandledAt: timestamp("receipt_handled_at", { withTimezone: true }),
    /** On a sent copy: when a recipient's read receipt came back. */
    readReceiptAt: timestamp("read_receipt_at", { withTimezone: true }),
    /** A read receipt (disposition notification): the Message-ID it reports on. */
    reportFor: text("report_for"),
    /**
     * On a draft, and only there: the id the browser chose for it, unique in its box. Ids of other boxes
     * are another namespace, so a draft id used elsewhere reads exactly like a new one.
     */
    draftId: uuid("draft_id"),
    size: integer("size").notNull(),
  },
  (t) => [
    check("messages_draft_id_on_drafts", sql`(${t.folder} = 'drafts') = (${t.draftId} is not null)`),
    check("messages_custom_folder_in_archive", sql`${t.folderId} is null or ${t.folder} = 'archive'`),
    // A message is only ever filed in a folder of its own box; a folder holding messages cannot be deleted.
    foreignKey({
      columns: [t.mailboxId, t.folderId],
      foreignColumns: [mailboxFolders.mailboxId, mailboxFolders.id],
      name: "messages_custom_folder_fk",
    }),
    index("messages_custom_folder_idx")
      .on(t.folderId, t.receivedAt, t.id)
      .where(sql`${t.folderId} is not null`),
    // Partial: only drafts carry one, and the index stays the size of Brouillons rather than of every box.
    uniqueIndex("messages_draft_key")
      .on(t.mailboxId, t.draftId)
      .where(sql`${t.draftId} is not null`),
    // Ascending on purpose: read backwards it gives "received_at desc, id desc" (nulls first, as the queries ask);
    // a DESC index would be NULLS LAST and could not serve that order, so every page sorted the whole folder.
    index("messages_list_idx").on(t.mailboxId, t.folder, t.receivedAt, t.id),
    // A box newest first across its folders: a search for a common word stops at the page size instead of
    // fetching every match (the planner picks the GIN index for rare words).
    index("messages_box_date_idx").on(t.mailboxId, t.receivedAt, t.id),
    index("messages_assigned_idx")
      .on(t.mailboxId, t.assignedUserId)
      .where(sql`${t.assignedUserId} is not null`),
    index("messages_thread_idx").on(t.mailboxId, t.threadId),
    index("messages_message_id_idx").on(t.mailboxId, t.messageId),
    // The box and the words in one GIN index (btree_gin): a search in a box intersects its posting lists inside
    // the index instead of AND-ing a bitmap of the whole box (100,000 entries) with one of every match in the base.
    index("messages_box_search_idx").using("gin", t.mailboxId, t.search),
  ],
);

/**
 * Every draft id a box has sent, for good: a second send, a late autosave or a retry of that id finds who
 * sent it and when, and is refused, so it never becomes a draft again nor goes out twice.
 */
export const sentDrafts = pgTable(
  "sent_drafts",
  {
    mailboxId: uuid("mailbox_id")
      .notNull()
      .references(() => mailboxes.id),
    draftId: uuid("draft_id").notNull(),
    /** The box's copy in Envoyés; null once deleted for good (the record stays). */
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    sentBy: uuid("sent_by")
      .notNull()
      .references(() => users.id),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.mailboxId, t.draftId] }), index("sent_drafts_message_idx").on(t.messageId)],
);

/**
 * A send put off: by the few seconds in which « Annuler l'envoi » still stops it, or to the time the person
 * chose. The draft stays in Brouillons, untouched, until a job (pg-boss, `startAfter`) sends it with the
 * rights of that moment; sending deletes the draft and this row with it, cancelling deletes only this row.
 * `form` is what the compose form posted, decided again at sending; `failure` the code of a send refused then.
 */
export const scheduledSends = pgTable(
  "scheduled_sends",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mailboxId: uuid("mailbox_id")
      .notNull()
      .references(() => mailboxes.id),
    draftId: uuid("draft_id").notNull(),
    draftMessageId: uuid("draft_message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    sendAt: timestamp("send_at", { withTimezone: true }).notNull(),
    scheduledBy: uuid("scheduled_by")
      .notNull()
      .references(() => users.id),
    form: jsonb("form").$type<Record<string, string>>().notNull(),
    failure: text("failure"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("scheduled_sends_draft_key").on(t.mailboxId, t.draftId), index("scheduled_sends_message_idx").on(t.draftMessageId)],
);

/** « Réponses types »: texts a box's team inserts in compose, kept by those who manage the box. */
export const replyTemplates = pgTable(
  "reply_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mailboxId: uuid("mailbox_id")
      .notNull()
      .references(() => mailboxes.id),
    name: text("name").notNull(),
    body: text("body").notNull(),
    updatedBy: uuid("updated_by")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("reply_templates_name_key").on(t.mailboxId, sql`lower(${t.name})`)],
);

/** A bulk move, kept a while so it can be undone: the box, the folder the messages went to, who moved them. */
export const triageBatches = pgTable(
  "triage_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mailboxId: uuid("mailbox_id")
      .notNull()
      .references(() => mailboxes.id),
    toFolder: folder("to_folder").notNull(),
    toFolderId: uuid("to_folder_id").references(() => mailboxFolders.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("triage_batches_mailbox_idx").on(t.mailboxId, t.createdAt)],
);

/** Each message a bulk move took, and the folder it came from. */
export const triageBatchMessages = pgTable(
  "triage_batch_messages",
  {
    batchId: uuid("batch_id")
      .notNull()
      .references(() => triageBatches.id, { onDelete: "cascade" }),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    fromFolder: folder("from_folder").notNull(),
    fromFolderId: uuid("from_folder_id").references(() => mailboxFolders.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.messageId] }), index("triage_batch_messages_message_idx").on(t.messageId)],
);

/** Messages per box and folder, kept by triggers (db/migrations/0006): counts never scan a folder. */
export const folderCounts = pgTable(
  "folder_counts",
  {
    mailboxId: uuid("mailbox_id").notNull(),
    folder: folder("folder").notNull(),
    total: integer("total").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.mailboxId, t.folder] })],
);

/**
 * Messages of a box's folder one person does not count as unread, kept by triggers: those she has read, and
 * those that arrived before her live delegation on the box began (db/migrations/0017). Her unread count is
 * total minus this.
 */
export const folderReads = pgTable(
  "folder_reads",
  {
    userId: uuid("user_id").notNull(),
    mailboxId: uuid("mailbox_id").notNull(),
    folder: folder("folder").notNull(),
    read: integer("read").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.mailboxId, t.folder] })],
);

/** Read state is per person: on a shared box each colleague has her own. */
export const messageReads = pgTable(
  "message_reads",
  {
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    readAt: timestamp("read_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.userId] }), index("message_reads_user_idx").on(t.userId)],
);

/**
 * Which Message-IDs each box has received: a sender retrying after a partial failure,
 * or two deliveries of the same message racing, land once (the primary key decides).
 */
export const inboundDeliveries = pgTable(
  "inbound_deliveries",
  {
    mailboxId: uuid("mailbox_id")
      .notNull()
      .references(() => mailboxes.id),
    messageId: text("message_id").notNull(),
    copyId: uuid("copy_id").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.mailboxId, t.messageId] })],
);

/** File contents, stored once per distinct content (content-addressed). */
export const blobs = pgTable("blobs", {
  sha256: text("sha256").primaryKey(),
  size: integer("size").notNull(),
  content: bytea("content").notNull(),
  createdAt: createdAt(),
});

/** Recipients in the trust space but hosted elsewhere, waiting for transport. */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Set null if the sender expunges the copy; transport must snapshot what it sends. */
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "set null" }),
    recipient: text("recipient").notNull(),
    /** The RFC 5322 message as it will be sent, stored once however many recipients: transport never depends on the sender's copy. */
    rawSha256: text("raw_sha256")
      .notNull()
      .references(() => blobs.sha256),
    /** RFC 5321 reverse path: the sending box, where a bounce goes; empty for reports, which are never answered. */
    envelopeFrom: text("envelope_from").notNull().default(""),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** The remote server's last answer (or the connection error), as shown to the sender. */
    lastError: text("last_error"),
    /** While pending: when the next try is due (the delivery job's start time). */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    /** The server that took it (or refused it for good). */
    remoteMta: text("remote_mta"),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    /** When this recipient's read receipt (RFC 8098, naming him) came back. */
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_status_idx").on(t.status, t.createdAt),
    // The sent message's recipients and their states, looked up from the thread and the Envoyés list.
    index("outbox_message_idx").on(t.messageId),
  ],
);

export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    filename: text("filename").notNull(),
    /** Sniffed from the bytes, never taken from the browser. */
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256")
      .notNull()
      .references(() => blobs.sha256),
    createdAt: createdAt(),
  },
  (t) => [index("attachments_message_idx").on(t.messageId)],
);

/** The liste blanche: when filled, it replaces the built-in default (mssante.fr and its subdomains). */
export const trustedDomains = pgTable("trusted_domains", {
  /** IDNA (punycode) form, lower case, no trailing dot. */
  domain: text("domain").primaryKey(),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Who did what, for which box, with what result. Never message content. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    // No foreign keys: the trail outlives what it names and is never rewritten.
    actorUserId: uuid("actor_user_id"),
    /** Software acting with an API token: the token's id, never its secret. */
    actorTokenId: uuid("actor_token_id"),
    /** Who acted, derived so it can never disagree with the ids: a person, a token, or the system. */
    actorType: text("actor_type").generatedAlwaysAs(
      sql`case when actor_token_id is not null then 'token' when actor_user_id is not null then 'person' else 'system' end`,
    ),
    mailboxId: uuid("mailbox_id"),
    action: text("action").notNull(),
    target: text("target"),
    result: auditResult("result").notNull(),
    reason: text("reason"),
    // Text, not inet: the chain hashes exactly what was written.
    ip: text("ip"),
    userAgent: text("user_agent"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    /**
     * Rows linked at commit (lib/audit/write.ts): the SHA-256 of this row's content, which `hash` chains to
     * the previous row's. Null on the rows written before, whose `hash` covers the content directly.
     */
    contentHash: text("content_hash"),
    /** Hash of the previous row (or of the checkpoint), then of this row's content and that. */
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_log_actor_idx").on(t.actorUserId, t.at),
    // The journal of a structure takes its tokens' rows too (db/queries/audit.ts).
    index("audit_log_token_idx")
      .on(t.actorTokenId, t.at)
      .where(sql`${t.actorTokenId} is not null`),
    index("audit_log_mailbox_idx").on(t.mailboxId, t.at),
    index("audit_log_at_idx").on(t.at),
  ],
);

/**
 * Audit rows written by a transaction still running: each moves into audit_log, linked to the chain, when that
 * transaction commits (a deferred trigger), so the chain's lock is held for the commit only.
 */
export const auditPending = pgTable("audit_pending", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** The audit_log row's content, by column name. */
  entry: jsonb("entry").$type<Record<string, unknown>>().notNull(),
  contentHash: text("content_hash").notNull(),
});

/**
 * Tokens with which software (a DPI) sends from one applicative box. Only a hash of the secret is kept;
 * the secret is shown once, at creation.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    mailboxId: uuid("mailbox_id")
      .notNull()
      .references(() => mailboxes.id),
    /** What the token is for, as its creator named it (e.g. "DPI — comptes rendus"). */
    label: text("label").notNull(),
    /** SHA-256 of the secret (hex): the secret is random, so no slow hash is needed to look it up. */
    secretHash: text("secret_hash").notNull(),
    /** The secret's first characters, to tell tokens apart on screen. */
    prefix: text("prefix").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id),
  },
  (t) => [uniqueIndex("api_tokens_secret_key").on(t.secretHash), index("api_tokens_mailbox_idx").on(t.mailboxId)],
);

/**
 * One row per Idempotency-Key a token used: the request's fingerprint and the first answer, so a retry
 * gets that answer and nothing is sent twice, while another request under the same key is refused.
 */
export const apiIdempotency = pgTable(
  "api_idempotency",
  {
    tokenId: uuid("token_id")
      .notNull()
      .references(() => apiTokens.id),
    key: text("key").notNull(),
    requestSha256: text("request_sha256").notNull(),
    status: integer("status").notNull(),
    response: jsonb("response").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tokenId, t.key] }), index("api_idempotency_created_idx").on(t.createdAt)],
);

/**
 * A conversation between a box and a patient (docs/domain.md §3): opened by the professional's message,
 * closed by one carrying X-MSS-MES: FIN (or the subject [FIN]), reopened by the next. A patient's mail
 * enters only while it is open, for the box it was written from or the box its Reply-To named.
 */
export const patientConversations = pgTable(
  "patient_conversations",
  {
    mailboxId: uuid("mailbox_id")
      .notNull()
      .references(() => mailboxes.id),
    /** `<INS>@patient.mssante.fr`, lower-cased. */
    patientAddress: text("patient_address").notNull(),
    state: text("state", { enum: ["open", "closed"] }).notNull(),
    /** When the current episode began: the first message after none, or after a closing. */
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** Who closed it: a person, or software with its token. */
    closedByUserId: uuid("closed_by_user_id").references(() => users.id),
    closedByTokenId: uuid("closed_by_token_id").references(() => apiTokens.id),
  },
  (t) => [
    primaryKey({ columns: [t.mailboxId, t.patientAddress] }),
    check("patient_conversations_state", sql`${t.state} in ('open', 'closed')`),
    check("patient_conversations_closed", sql`(${t.state} = 'closed') = (${t.closedAt} is not null)`),
  ],
);

/** Where the chain restarts after a retention purge: the last purged row's hash. */
export const auditCheckpoints = pgTable("audit_checkpoints", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  createdAt: createdAt(),
  /** The first row kept; verification starts there. */
  firstKeptId: bigint("first_kept_id", { mode: "number" }).notNull(),
  /** The hash the first kept row must carry as prev_hash. */
  prevHash: text("prev_hash").notNull(),
  purgedRows: integer("purged_rows").notNull(),
  purgedBefore: timestamp("purged_before", { withTimezone: true }).notNull(),
});

/**
 * The national annuaire (Extraction Correspondance MSSanté), one row per box
 * address. Search goes through `search`, a tsvector of the accent-free,
 * lower-case text (built on import): a GIN index answers "every word of the
 * query is the prefix of a word of the entry" (`dupont:* & cardio:*`) without
 * needing unaccent or pg_trgm, neither of which PGlite ships by default.
 */
export const directoryEntries = pgTable(
  "directory_entries",
  {
    address: text("address").primaryKey(),
    type: text("type").notNull(),
    rpps: text("rpps"),
    civility: text("civility"),
    lastName: text("last_name"),
    firstName: text("first_name"),
    professionCode: text("profession_code"),
    profession: text("profession"),
    specialty: text("specialty"),
    service: text("service"),
    structure: text("structure"),
    city: text("city"),
    postcode: text("postcode"),
    departement: text("departement"),
    /** Normalised names and city: btree ranges answer "Nom Prénom" prefixes in alphabetical order, and a city. */
    lastNameKey: text("last_name_key").notNull().default(""),
    firstNameKey: text("first_name_key").notNull().default(""),
    cityKey: text("city_key").notNull().default(""),
    searchText: text("search_text").notNull(),
    search: tsvector("search").generatedAlwaysAs(sql`to_tsvector('simple', search_text)`),
  },
  (t) => [
    index("directory_entries_search_idx").using("gin", t.search),
    // Byte order ("C"): serves both `like 'du%'` and the alphabetical order, so a surname prefix stops at the
    // page size, and "jean dupont" is two narrow ranges (surname, then first name inside it) read from the index alone.
    index("directory_entries_name_idx").on(
      sql`(${t.lastNameKey} collate "C")`,
      sql`(${t.firstNameKey} collate "C")`,
      sql`(${t.address} collate "C")`,
    ),
    // A city with a profession stops at the page size instead of intersecting two large GIN posting lists.
    index("directory_entries_city_idx").on(sql`(${t.cityKey} collate "C")`, t.professionCode),
    index("directory_entries_rpps_idx").on(t.rpps),
    index("directory_entries_postcode_idx").on(sql`(${t.postcode} collate "C")`),
  ],
);
