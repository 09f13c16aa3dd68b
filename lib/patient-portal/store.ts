import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** A professional's message as the patient received it. */
export type ReceivedMessage = {
  kind: "received";
  id: string;
  patient: string;
  from: string;
  /** Where the patient's answer goes: the Reply-To, else the From (empty when neither names anyone). */
  replyTo: string;
  date: string;
  subject: string;
  text: string;
  messageId: string | null;
  references: string[];
  /** The professional closed the exchange (X-MSS-MES: FIN). */
  closes: boolean;
  attachments: string[];
};

/** The patient's answer, with what the webmail's SMTP server said to it. */
export type SentReply = {
  kind: "sent";
  id: string;
  patient: string;
  to: string;
  date: string;
  subject: string;
  text: string;
  answer: { outcome: "accepted" | "refused" | "unreachable"; text: string };
};

export type Entry = ReceivedMessage | SentReply;
export type NewEntry = Omit<ReceivedMessage, "id"> | Omit<SentReply, "id">;

const FILE = "messages.json";

/** The portal's mail, in memory and in one JSON file (a demo keeps little). */
export class PortalStore {
  private readonly file: string;
  private readonly entries: Entry[];

  constructor(dir: string) {
    mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, FILE);
    this.entries = existsSync(this.file) ? (JSON.parse(readFileSync(this.file, "utf8")) as Entry[]) : [];
  }

  add<T extends NewEntry>(entry: T): T & { id: string } {
    const stored = { ...entry, id: randomUUID() };
    this.entries.push(stored as Entry);
    // Written whole then renamed: a crash never leaves half a file.
    writeFileSync(`${this.file}.tmp`, JSON.stringify(this.entries, null, 2));
    renameSync(`${this.file}.tmp`, this.file);
    return stored;
  }

  /** Patients who received mail, with their number of messages. */
  patients(): { address: string; count: number }[] {
    const counts = new Map<string, number>();
    for (const e of this.entries) counts.set(e.patient, (counts.get(e.patient) ?? 0) + (e.kind === "received" ? 1 : 0));
    return [...counts].filter(([, count]) => count > 0).map(([address, count]) => ({ address, count }));
  }

  /** One patient's mail, newest first. */
  of(patient: string): Entry[] {
    return this.entries.filter((e) => e.patient === patient).reverse();
  }

  find(id: string): Entry | undefined {
    return this.entries.find((e) => e.id === id);
  }
}

/** `npm start -- --fresh` starts the portal empty too: its mail answered a database that is gone. */
export const forgetPortalMail = (dir: string) => rmSync(path.join(dir, FILE), { force: true });
