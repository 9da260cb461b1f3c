import type { AssessedFact } from "~/domain/pilot";

/**
 * What the choice journey and My page render about the person's choice, prepared by
 * app/.server/choice/*. Dates are already written out in the reader's language.
 */

/** What the pages say about the person's current choice (the serialised CurrentView). */
export type CurrentView = {
  situation: "default_public_service" | "provider" | "public_service" | "provider_left" | "pilot_ended";
  reference: string | null;
  kind: "provider" | "public_service" | null;
  providerName: string | null;
  pilotName: string | null;
  chosenOn: string | null;
  lockedUntil: string | null;
  pendingRequestOn: string | null;
  approvedRequest: boolean;
};

/** A fact an official recorded about the person (docs/decisions/073-assessed-facts.md), on My page. */
export type MyAssessedFact = {
  id: number;
  pilot: string;
  pilotSlug: string;
  fact: AssessedFact;
  value: boolean;
  current: boolean;
  recordedAt: string;
  recordedBy: string | null;
  endsOn: string | null;
};
