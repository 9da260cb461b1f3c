import type { CaseState, DeliveryAnswer, ReportCategory } from "~/domain/accountability";

/**
 * What the accountability sections render (docs/decisions/071-disputes-and-problem-reports.md),
 * prepared by app/.server/accountability/pages.ts and app/.server/provider-staff/pages.ts. Dates
 * are already written out in the reader's language.
 */

/** A contact or meeting the provider recorded, as the person sees it on My page. */
export type MyDeliveryItemView = {
  key: string;
  kind: "first-contact" | "meeting";
  on: string;
  provider: string;
  answer: DeliveryAnswer | null;
  note: string | null;
  state: CaseState | null;
  officialAnswer: string | null;
  changeable: boolean;
};

/** What My page shows of accountability: recorded contacts and meetings, and the person's reports. */
export type MyAccountabilityView = {
  items: MyDeliveryItemView[];
  reports: {
    id: number;
    provider: string;
    category: ReportCategory;
    description: string | null;
    on: string;
    state: CaseState;
    answer: string | null;
    handledOn: string | null;
  }[];
};

/** A provider's profile: reports and delivery per month, under the small-number rule. */
export type ProfileAccountabilityView = {
  months: {
    month: string;
    label: string;
    reports: number;
    byCategory: { category: ReportCategory; count: number }[];
    meetings: number;
    confirmed: number | null;
    disputed: number | null;
    contactsInTime: number;
    contactsConfirmed: number | null;
  }[];
  threshold: number;
  canReport: boolean;
};

/** A record the provider's customer disputed, on the provider staff's customers page. */
export type StaffDisputeView = {
  choiceId: number;
  name: string;
  kind: "first-contact" | "meeting";
  on: string;
  answer: DeliveryAnswer;
  state: CaseState;
};
