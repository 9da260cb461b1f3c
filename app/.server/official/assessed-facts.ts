import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { tFor } from "~/i18n";
import { pilotAssessedFacts, pilotRecords, recordAssessedFact, recordSchema } from "../eligibility/assessed-facts";
import { fieldErrors, formValues, hasFormError, invalid, readPostedForm } from "../platform/forms";
import { officialScope, pilotHeader } from "./scope";

/**
 * /{lang}/official/{pilot}/assessed-facts: an official of the pilot records what the public service
 * has decided about a person (docs/decisions/073-assessed-facts.md), and sees whom they confirmed and
 * what each chose. The identity code is typed into a POST form, never put in an address. The facts
 * and their records are the eligibility area's (app/.server/eligibility/assessed-facts.ts).
 */

/** The form's fields, in the order the error summary lists them. */
const recordFields = ["identityCode", "fact", "value", "endsOn"] as const;

export function assessedFactsLoader(args: LoaderFunctionArgs) {
  const scope = officialScope(args);
  return {
    lang: scope.lang,
    pilot: pilotHeader(scope),
    title: tFor(scope.lang)("assessed:official.title"),
    facts: pilotAssessedFacts(scope.pilot),
    fields: [...recordFields],
    records: pilotRecords(scope),
    recorded: new URL(args.request.url).searchParams.get("recorded") === "1",
    formError: hasFormError(args.context),
  };
}

export async function assessedFactsAction(args: ActionFunctionArgs) {
  const scope = officialScope(args);
  const form = await readPostedForm(args.request);
  const facts = pilotAssessedFacts(scope.pilot);
  if (facts.length === 0) throw new Response(null, { status: 404 });
  const values = formValues(form, [...recordFields]) as Record<string, string>;
  // One fact: it is the one recorded, without a question.
  if (facts.length === 1) values.fact = facts[0];
  const parsed = recordSchema(facts, scope.today).safeParse(values);
  if (!parsed.success) return invalid(args.context, { values, errors: fieldErrors(parsed.error) });
  recordAssessedFact(scope, parsed.data, scope.now);
  throw redirect(`/${scope.lang}/official/${scope.pilot.slug}/assessed-facts?recorded=1`, 303);
}
