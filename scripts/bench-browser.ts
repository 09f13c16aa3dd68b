/**
 * What only a browser can tell the bench: the JavaScript the inbox route ships (every script its first
 * load fetches, gzipped as served; the sign-in and compose pages' beside it), and the request Next's router
 * makes when a person moves from the list to a message. That request is captured once from Debian's Chromium, then replayed over HTTP for other
 * threads with the same router state, so it is timed like the page requests are.
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { chromium, type Page, type Request } from "@playwright/test";
import { DEMO_PASSWORD } from "@/db/seed";
import { timed } from "./bench-kit";

/** The router's headers of a list → message move, kept to be replayed. */
const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-url"];

/** Debian's Chromium, as the end-to-end tests use it (playwright.config.ts). */
export const launchChromium = () => chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" });

/** Every script a first load of `url` fetches, and their size gzipped, read from the build in `dir`. */
export async function scriptsOf(page: Page, url: string, dir = ".") {
  const scripts = new Set<string>();
  const record = (request: Request) => {
    if (request.resourceType() === "script") scripts.add(new URL(request.url()).pathname);
  };
  page.on("request", record);
  await page.goto(url, { waitUntil: "networkidle" });
  page.off("request", record);
  const gzipBytes = [...scripts].reduce(
    (sum, path) => sum + gzipSync(readFileSync(decodeURIComponent(`${dir}/.next/static/${path.replace(/^\/_next\/static\//, "")}`))).length,
    0,
  );
  return { scripts: scripts.size, gzip_kb: Number((gzipBytes / 1024).toFixed(1)) };
}

/** `threadPaths`: one per move, warm-up included (`warm` + `runs`), each opened once. */
export async function measureInBrowser(
  origin: string,
  login: string,
  inboxPath: string,
  threadPaths: string[],
  runs: number,
  warm: number,
) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const loginJs = await scriptsOf(page, `${origin}/login`);
    await page.getByLabel("Identifiant").fill(login);
    await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Se connecter", exact: true }).click();
    await page.waitForURL(/\/m\/[0-9a-f-]+\/inbox$/);

    const inboxJs = await scriptsOf(page, `${origin}${inboxPath}`);

    // The move itself, as the router asks for it: only the changed segments' RSC payload.
    const move = page.waitForRequest((r) => r.headers()["rsc"] === "1" && !r.headers()["next-router-prefetch"]);
    await page.getByRole("list", { name: "Messages" }).getByRole("link").first().click();
    const sent = await move;
    const headers = Object.fromEntries(Object.entries(await sent.allHeaders()).filter(([name]) => ROUTER_HEADERS.includes(name)));
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
    let bytes = 0;
    const unopened = [...threadPaths];
    const rsc = await timed(
      runs,
      async () => {
        const response = await fetch(`${origin}${unopened.shift()}?_rsc=bench`, {
          headers: { ...headers, Cookie: cookie },
        });
        const body = await response.text();
        bytes = Buffer.byteLength(body);
        if (response.status !== 200 || !response.headers.get("content-type")?.includes("text/x-component"))
          throw new Error(`RSC move: HTTP ${response.status} ${body.slice(0, 200)}`);
      },
      warm,
    );
    const composeJs = await scriptsOf(page, `${origin}${inboxPath.replace(/inbox$/, "compose")}`);
    return {
      inbox_js: inboxJs,
      login_js: loginJs,
      compose_js: composeJs,
      list_to_message_rsc: { ...rsc, last_body_kb: Number((bytes / 1024).toFixed(1)) },
    };
  } finally {
    await browser.close();
  }
}
