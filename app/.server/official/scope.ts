import type { LoaderFunctionArgs } from "@remix-run/node";
import type { PilotDefinition } from "~/domain/pilot";
import { todayInFinland } from "~/format";
import type { Lang } from "~/i18n";
import { requireOfficial, type SignedInUser } from "../auth/auth";
import { langParam } from "../platform/forms";
import { loadPilots } from "../eligibility/pilots.store";
import "../platform/i18n";

/**
 * The officials' back office under /{lang}/official (issue 7; docs/decisions/050-back-office.md).
 *
 * Every loader and action starts with officialScope(): requireOfficial(request, pilot) — not signed
 * in: 303 to sign-in; signed in without the role for THIS pilot: 403 — and then every query of the
 * page is scoped to `scope.pilot.slug`. Nothing is looked up across pilots.
 */
export type OfficialScope = {
  user: SignedInUser;
  lang: Lang;
  pilot: PilotDefinition;
  today: string;
  now: Date;
};

export function officialScope({ request, params }: Pick<LoaderFunctionArgs, "request" | "params">, now = new Date()): OfficialScope {
  // A missing or malformed slug is "not an official of that pilot", never "any pilot".
  const slug = typeof params.pilot === "string" && /^[a-z0-9-]{1,64}$/.test(params.pilot) ? params.pilot : "-";
  const user = requireOfficial(request, slug);
  const pilot = loadPilots().find((p) => p.slug === slug);
  if (!pilot) throw new Response(null, { status: 404 });
  return { user, lang: langParam(params), pilot, today: todayInFinland(now), now };
}

/** What every back-office page of a pilot shows in its frame. */
export function pilotHeader(scope: OfficialScope) {
  return { slug: scope.pilot.slug, name: scope.pilot.name[scope.lang], isExample: scope.pilot.isExample };
}

/** An id from the address: a positive whole number, otherwise the page does not exist. */
export function idParam(value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value) || Number(value) < 1) throw new Response(null, { status: 404 });
  return Number(value);
}
