import { spawn } from "node:child_process";

/**
 * Run swaks and keep its transcript (stderr, where it writes refusals, merged
 * into stdout in order). Asynchronous: the SMTP server it talks to may be
 * answering from this very process. `body` goes through stdin (any size).
 */
export function swaks(args: string[], body?: string): Promise<{ exitCode: number; transcript: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("swaks", [...args, "--output-file-stderr", "&STDOUT", ...(body === undefined ? [] : ["--body", "-"])]);
    let transcript = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (transcript += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ exitCode: code ?? -1, transcript }));
    child.stdin.end(body ?? "");
  });
}

/**
 * The server's last reply line after the first client line matching
 * `command` ("." for the end of DATA), e.g. "550 5.7.1 …". Swaks marks client
 * lines " ->"/" ~>" (plain/TLS) and server lines "<-"/"<~" ("<**"/"<~*" for errors).
 */
export function replyTo(transcript: string, command: RegExp): string | null {
  const lines = transcript.split(/\r?\n/);
  const sent = lines.findIndex((line) => /^ [-~]> /.test(line) && command.test(line.slice(4)));
  if (sent < 0) return null;
  let reply: string | null = null;
  for (const line of lines.slice(sent + 1)) {
    const server = /^<[-~*][ *] ?(.*)$/.exec(line);
    if (!server) {
      if (reply) break;
      continue;
    }
    reply = server[1].trim();
    if (/^\d{3} /.test(reply)) break;
  }
  return reply;
}
