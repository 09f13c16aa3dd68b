import { execFile } from "node:child_process";
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Where Debian puts a tool, searched on PATH first (sbin is not on every user's PATH). */
export function toolPath(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/bin"];
  for (const dir of dirs.filter(Boolean)) {
    try {
      accessSync(path.join(dir, name), constants.X_OK);
      return path.join(dir, name);
    } catch {
      // not in this directory
    }
  }
  return null;
}

/** Why a Postfix peer cannot run on this machine, or null when it can. */
export function postfixUnavailable(): string | null {
  const missing = ["postfix", "swaks"].filter((tool) => !toolPath(tool));
  if (missing.length) return `${missing.join(", ")} not installed (.ci/run installs the Debian packages postfix and swaks)`;
  // master binds its port and hands the mailboxes to the postfix user: it starts as root.
  if (process.getuid?.() !== 0) return "Postfix's master daemon must be started as root";
  return null;
}

/** A port nobody listens on right now (Postfix binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type PostfixOptions = {
  /** The other operator's domain, delivered to virtual Maildir boxes. */
  domain: string;
  /** Local parts of its boxes. */
  boxes: string[];
  /** Our domain and the port of our SMTP listener, reached through a transport map. */
  relay: { domain: string; port: number };
  /** PEM: the authority both operators trust, and the certificate and key it signed for 127.0.0.1/localhost. */
  pki: { ca: Buffer; cert: Buffer; key: Buffer };
};

export type PostfixOperator = Awaited<ReturnType<typeof startPostfix>>;

// Every service on one line, none chrooted (a chroot would need copies of /etc files in the queue directory).
const MASTER_CF = (port: number) =>
  [
    `127.0.0.1:${port} inet n - n - - smtpd`,
    "pickup unix n - n 60 1 pickup",
    "cleanup unix n - n - 0 cleanup",
    "qmgr unix n - n 300 1 qmgr",
    "tlsmgr unix - - n 1000? 1 tlsmgr",
    "rewrite unix - - n - - trivial-rewrite",
    "bounce unix - - n - 0 bounce",
    "defer unix - - n - 0 bounce",
    "trace unix - - n - 0 bounce",
    "verify unix - - n - 1 verify",
    "flush unix n - n 1000? 0 flush",
    "proxymap unix - - n - - proxymap",
    "smtp unix - - n - - smtp",
    "relay unix - - n - - smtp",
    "showq unix n - n - - showq",
    "error unix - - n - - error",
    "retry unix - - n - - error",
    "discard unix - - n - - discard",
    "virtual unix - n n - - virtual",
    "anvil unix - - n - 1 anvil",
    "scache unix - - n - 1 scache",
    // Daemons log through postlogd to maillog_file: no syslog socket needed.
    "postlog unix-dgram n - n - 1 postlogd",
  ].join("\n") + "\n";

/**
 * Debian's Postfix configured in a temporary folder as another operator of
 * the trust space: virtual Maildir boxes for its domain, smtpd requiring
 * STARTTLS with a certificate of the shared authority, and an smtp client
 * that delivers our domain to our listener only over TLS it has verified.
 * On any failure to start, everything it made is removed again.
 */
export async function startPostfix({ domain, boxes, relay, pki }: PostfixOptions) {
  const postfix = toolPath("postfix")!;
  const dir = mkdtempSync(path.join(tmpdir(), "postfix-operator-"));
  // The daemons run as the postfix user and must reach the queue and the mailboxes through this folder.
  chmodSync(dir, 0o755);
  const conf = path.join(dir, "conf");
  const mail = path.join(dir, "mail");
  const logFile = path.join(dir, "postfix.log");
  const log = () => {
    try {
      return readFileSync(logFile, "utf8");
    } catch {
      return "";
    }
  };
  const ids = async (flag: "-u" | "-g") => (await run("id", [flag, "postfix"])).stdout.trim();
  let started = false;
  const stop = async () => {
    try {
      // "postfix stop" waits for master to exit before it returns.
      if (started) await run(postfix, ["-c", conf, "stop"]);
    } finally {
      started = false;
      rmSync(dir, { recursive: true, force: true });
    }
  };

  try {
    const port = await freePort();
    mkdirSync(conf);
    mkdirSync(mail);
    // Its subdirectories, and the data directory, are made by "postfix start" (post-install create-missing).
    mkdirSync(path.join(dir, "queue"));
    await run("chown", ["postfix:postfix", mail]);
    writeFileSync(path.join(conf, "ca.pem"), pki.ca);
    writeFileSync(path.join(conf, "cert.pem"), pki.cert);
    writeFileSync(path.join(conf, "key.pem"), pki.key, { mode: 0o600 });
    // texthash: tables are read as plain text, no postmap step.
    writeFileSync(path.join(conf, "vmailbox"), boxes.map((box) => `${box}@${domain} ${domain}/${box}/\n`).join(""));
    // [localhost]: no MX lookup; the name is what Postfix verifies our certificate against.
    writeFileSync(path.join(conf, "transport"), `${relay.domain} smtp:[localhost]:${relay.port}\n`);
    writeFileSync(path.join(conf, "master.cf"), MASTER_CF(port));
    const settings: Record<string, string> = {
      compatibility_level: "3.6",
      queue_directory: path.join(dir, "queue"),
      data_directory: path.join(dir, "data"),
      maillog_file: logFile,
      maillog_file_prefixes: dir,
      inet_interfaces: "127.0.0.1",
      inet_protocols: "ipv4",
      myhostname: `mx.${domain}`,
      myorigin: domain,
      mydestination: "",
      mynetworks: "127.0.0.0/8",
      alias_maps: "",
      alias_database: "",
      // Host names from /etc/hosts, never from DNS: the test needs no network.
      smtp_host_lookup: "native",
      smtp_dns_support_level: "disabled",
      virtual_mailbox_domains: domain,
      virtual_mailbox_base: mail,
      virtual_mailbox_maps: `texthash:${path.join(conf, "vmailbox")}`,
      virtual_uid_maps: `static:${await ids("-u")}`,
      virtual_gid_maps: `static:${await ids("-g")}`,
      transport_maps: `texthash:${path.join(conf, "transport")}`,
      // The trust space refuses clear text both ways, as our own border does.
      smtpd_tls_security_level: "encrypt",
      smtpd_tls_cert_file: path.join(conf, "cert.pem"),
      smtpd_tls_key_file: path.join(conf, "key.pem"),
      smtpd_tls_mandatory_protocols: ">=TLSv1.2",
      smtpd_tls_received_header: "yes",
      smtpd_tls_loglevel: "1",
      // An operator of the trust space delivers only over TLS whose certificate chains to the authority and names the host.
      smtp_tls_security_level: "secure",
      smtp_tls_secure_cert_match: "nexthop",
      smtp_tls_CAfile: path.join(conf, "ca.pem"),
      smtp_tls_mandatory_protocols: ">=TLSv1.2",
      smtp_tls_loglevel: "1",
    };
    writeFileSync(
      path.join(conf, "main.cf"),
      Object.entries(settings)
        .map(([name, value]) => `${name} = ${value}\n`)
        .join(""),
    );
    // "postfix start" creates the queue directories, checks the installation and returns once master listens.
    await run(postfix, ["-c", conf, "start"]).catch((error: { stderr?: string }) => {
      throw new Error(`postfix start failed: ${error.stderr ?? ""}\n${log()}`);
    });
    started = true;

    return {
      port,
      /** The authority both operators trust, for clients such as swaks. */
      caFile: path.join(conf, "ca.pem"),
      /** Postfix's own log (maillog_file). */
      log,
      /** The messages delivered to a box, oldest first. */
      maildir(box: string): Buffer[] {
        const fresh = path.join(mail, domain, box, "new");
        let names: string[];
        try {
          names = readdirSync(fresh).sort();
        } catch {
          return [];
        }
        return names.map((name) => readFileSync(path.join(fresh, name)));
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
