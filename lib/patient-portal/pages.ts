import { formatIns } from "@/lib/mail/patient-address";
import { fr } from "./fr";
import { Html, html } from "./html";
import type { Entry, ReceivedMessage, SentReply } from "./store";

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #f6f6f4; line-height: 1.5; }
.simulation { background: #fff3cd; border-bottom: 3px solid #b35c00; padding: .75rem 1rem; }
.simulation p { margin: .25rem 0; max-width: 60rem; }
main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
article, .state { background: #fff; border: 1px solid #ccc; border-radius: .5rem; padding: 1rem; margin: 1rem 0; }
article.sent { background: #eef4fb; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 .75rem; }
dt { font-weight: 600; } dd { margin: 0; overflow-wrap: anywhere; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.closed { color: #8a1c1c; font-weight: 600; }
.accepted { border-color: #1b6e33; } .refused, .unreachable, .error { border-color: #8a1c1c; }
label { display: block; font-weight: 600; margin-top: .75rem; }
textarea { width: 100%; box-sizing: border-box; font: inherit; }
button { font: inherit; margin-top: .5rem; padding: .4rem 1rem; }
a, button, textarea { outline-offset: 2px; }
`;

const dateFormat = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Paris" });

export const patientPath = (patient: string) => `/patients/${encodeURIComponent(patient)}`;

function layout(title: string, body: Html): string {
  return html`<!doctype html>
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} — ${fr.simulation}</title>
        <style>
          ${new Html(STYLE)}
        </style>
      </head>
      <body>
        <header class="simulation">
          <p><strong>${fr.simulation}</strong></p>
          <p>${fr.simulationDetail}</p>
        </header>
        <main>${body}</main>
      </body>
    </html>`.text;
}

export function homePage(patients: { address: string; count: number }[]): string {
  const list =
    patients.length === 0
      ? html`<p>${fr.none}</p>`
      : html`<ul>
          ${patients.map(
            (p) => html`<li><a href="${patientPath(p.address)}">${fr.patientLink(formatIns(p.address), p.address, p.count)}</a></li>`,
          )}
        </ul>`;
  return layout(
    fr.title,
    html`<h1>${fr.title}</h1>
      <h2>${fr.patientsHeading}</h2>
      ${list}`,
  );
}

const field = (term: string, value: string) =>
  html`<dt>${term}</dt>
    <dd>${value}</dd>`;

function received(m: ReceivedMessage): Html {
  const subject = m.subject || fr.noSubject;
  return html`<article aria-labelledby="titre-${m.id}">
    <h2 id="titre-${m.id}">${subject}</h2>
    <dl>
      ${field(fr.from, m.from)} ${field(fr.date, dateFormat.format(new Date(m.date)))}
      ${m.attachments.length > 0 && field(fr.attachments, m.attachments.join(", "))}
    </dl>
    <div class="text">${m.text}</div>
    ${
      m.closes &&
      html`<p class="closed">${fr.closed}</p>
        <p>${fr.closedHint}</p>`
    }
    ${
      m.replyTo &&
      html`<form method="post" action="${patientPath(m.patient)}/reponses">
        <input type="hidden" name="message" value="${m.id}" />
        <label for="texte-${m.id}">${fr.yourReply(subject)}</label>
        <textarea id="texte-${m.id}" name="texte" rows="4" required></textarea>
        <button type="submit">${fr.send}</button>
      </form>`
    }
  </article>`;
}

const answerText = (reply: SentReply) => fr[reply.answer.outcome](reply.answer.text);

function sent(reply: SentReply): Html {
  return html`<article class="sent" aria-labelledby="titre-${reply.id}">
    <h2 id="titre-${reply.id}">${fr.sentHeading(reply.subject)}</h2>
    <dl>${field(fr.to, reply.to)} ${field(fr.date, dateFormat.format(new Date(reply.date)))}</dl>
    <div class="text">${reply.text}</div>
    <p>${answerText(reply)}</p>
  </article>`;
}

/** One patient's mail, newest first, and the state of the reply just sent or the form's error. */
export function patientPage(patient: string, entries: Entry[], state: { reply?: SentReply; error?: string }): string {
  const heading = fr.patientHeading(formatIns(patient));
  const notice = state.reply
    ? html`<p id="etat" class="state ${state.reply.answer.outcome}" role="status">${answerText(state.reply)}</p>`
    : state.error
      ? html`<p id="etat" class="state error" role="alert">${state.error}</p>`
      : null;
  return layout(
    heading,
    html`<p><a href="/">← ${fr.allPatients}</a></p>
      <h1>${heading}</h1>
      <p>${patient}</p>
      ${notice} ${entries.map((e) => (e.kind === "received" ? received(e) : sent(e)))}`,
  );
}

export const messagePage = (title: string) =>
  layout(
    title,
    html`<h1>${title}</h1>
      <p><a href="/">${fr.allPatients}</a></p>`,
  );
