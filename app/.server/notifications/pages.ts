import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { Lang } from "~/i18n";
import { requireUser } from "../auth/auth";
import { config } from "../platform/config";
import { formText, langParam, readPostedForm } from "../platform/forms";
import { addressOf, confirmAddress, confirmLinkWorks, giveAddress, optOut, optOutLinkWorks, parseAddress, removeAddress } from "./address.store";
import { demoMessageHtml, latestDemoMessages } from "./demo-mailbox.store";
import { EMAIL_MAX } from "~/domain/choice";

/**
 * The pages of notifications (docs/decisions/070-notifications.md): the person's address on My page,
 * the confirmation and opt-out links (no sign-in needed: the token is the key), and the demo's
 * outbox. Links only show a button: a GET changes nothing, as mail scanners open links.
 */
const noStore = { "Cache-Control": "no-store" };

type Errors = { email?: string };
function notificationsPage(lang: Lang, personId: number, done: "sent" | "removed" | null, email: string, errors: Errors) {
  return { lang, address: addressOf(personId), done, values: { email }, errors, demoOutbox: demoOutboxOn() };
}

// ---- /{lang}/my/notifications ----

export function myNotificationsLoader({ request, params }: LoaderFunctionArgs) {
  const lang = langParam(params);
  const user = requireUser(request);
  const done = new URL(request.url).searchParams.get("done");
  return data(
    notificationsPage(lang, user.id, done === "sent" || done === "removed" ? done : null, "", {}),
    { headers: noStore },
  );
}

export async function myNotificationsAction(args: ActionFunctionArgs) {
  const { request, params } = args;
  const lang = langParam(params);
  const user = requireUser(request);
  const form = await readPostedForm(request);
  if (formText(form, "intent", 20) === "remove") {
    removeAddress(user);
    return redirect(`/${lang}/my/notifications?done=removed`, 303);
  }
  const value = formText(form, "email", EMAIL_MAX + 100);
  const parsed = parseAddress(value);
  if (!parsed.ok) {
    return data(
      notificationsPage(lang, user.id, null, value, { email: parsed.error }),
      { status: 400, headers: noStore },
    );
  }
  giveAddress(user, parsed.email, lang);
  return redirect(`/${lang}/my/notifications?done=sent`, 303);
}

// ---- /{lang}/notifications/confirm and /{lang}/notifications/opt-out ----

type LinkPage = { lang: Lang; token: string | null; works: boolean; done: boolean };

function tokenOf(value: string | null): string | null {
  return value && /^[A-Za-z0-9_-]{1,100}$/.test(value) ? value : null;
}

export function confirmLoader({ request, params }: LoaderFunctionArgs) {
  const lang = langParam(params);
  const url = new URL(request.url);
  const token = tokenOf(url.searchParams.get("token"));
  const done = url.searchParams.get("done") === "1";
  return data<LinkPage>({ lang, token, works: done || confirmLinkWorks(token), done }, { headers: noStore });
}

export async function confirmAction({ request, params }: ActionFunctionArgs) {
  const lang = langParam(params);
  const form = await readPostedForm(request);
  const token = tokenOf(formText(form, "token", 200));
  if (confirmAddress(token)) return redirect(`/${lang}/notifications/confirm?done=1`, 303);
  return data<LinkPage>({ lang, token: null, works: false, done: false }, { status: 410, headers: noStore });
}

export function optOutLoader({ request, params }: LoaderFunctionArgs) {
  const lang = langParam(params);
  const url = new URL(request.url);
  const token = tokenOf(url.searchParams.get("token"));
  const done = url.searchParams.get("done") === "1";
  return data<LinkPage>({ lang, token, works: done || optOutLinkWorks(token), done }, { headers: noStore });
}

export async function optOutAction({ request, params }: ActionFunctionArgs) {
  const lang = langParam(params);
  const form = await readPostedForm(request);
  const token = tokenOf(formText(form, "token", 200));
  if (optOut(token)) return redirect(`/${lang}/notifications/opt-out?done=1`, 303);
  return data<LinkPage>({ lang, token: null, works: false, done: false }, { status: 410, headers: noStore });
}

// ---- /{lang}/demo-outbox: only in demo and test ----

export function demoOutboxOn(): boolean {
  return config().APP_ENV !== "production";
}

export const DEMO_OUTBOX_SHOWN = 50;

export function demoOutboxLoader({ params }: LoaderFunctionArgs) {
  const lang = langParam(params);
  if (!demoOutboxOn()) throw new Response(null, { status: 404 });
  const messages = latestDemoMessages(DEMO_OUTBOX_SHOWN);
  return data({ lang, messages }, { headers: noStore });
}

/** One message's HTML part as it would arrive, with a policy that runs nothing and loads nothing. */
export function demoOutboxHtmlLoader({ params }: LoaderFunctionArgs) {
  langParam(params);
  if (!demoOutboxOn() || !/^\d{1,12}$/.test(params.id ?? "")) throw new Response(null, { status: 404 });
  const html = demoMessageHtml(Number(params.id));
  if (html === null) throw new Response(null, { status: 404 });
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'",
      ...noStore,
    },
  });
}
