import type { OfficeView } from "~/view-models/providers";
import type { ProfileForm, ProfilePart } from "~/domain/staff-profile";
import type { MonthFigure } from "~/domain/first-contact";

/**
 * What the provider staff pages render, prepared by app/.server/provider-staff/pages.ts. Dates,
 * months and language names arrive formatted in the page's language.
 */

export type StaffProviderHead = { name: string; businessId: string; slug: string; isExample: boolean };

/** A month's first-contact figure (the domain's MonthFigure) with its name ("marraskuu 2026"). */
export type MonthFigureView = MonthFigure & { label: string; current: boolean };

export type PilotFiguresView = { pilotSlug: string; pilotName: string; months: MonthFigureView[] };

export type LandingView = {
  lang: string;
  providers: (StaffProviderHead & {
    waiting: number;
    /** The running figure of the current month, per pilot with customers this month. */
    thisMonth: { pilotName: string; started: number; within: number; open: number }[];
  })[];
  /** Business IDs of the person's roles that have no provider in the service. */
  unknown: string[];
};

export type CustomerView = {
  id: number;
  name: string;
  channel: "phone" | "email" | null;
  phone: string | null;
  email: string | null;
  language: string | null;
  pilotName: string;
  chosenOn: string;
  /** The last day of "within 5 working days". */
  deadline: string;
  /** ISO date, for the date field. */
  contactedOnIso: string | null;
  contactedOn: string | null;
  inTime: boolean | null;
  /** Still waiting for the first contact, and the 5 working days are over. */
  overdue: boolean;
  movedOn: string | null;
  visibleUntil: string | null;
  /** Meetings recorded and the customer's answers (issue 16; app/components/accountability/StaffDelivery.tsx). */
  delivery?: { firstContact: "confirmed" | "did_not_happen" | "other_day" | null; meetings: { item: string; heldOn: string; answer: "confirmed" | "did_not_happen" | "other_day" | null }[] };
};

export type CustomerFilterView = "waiting" | "all";

export type CustomersView = {
  lang: string;
  provider: StaffProviderHead;
  filter: CustomerFilterView;
  counts: { waiting: number; all: number };
  total: number;
  page: number;
  pageCount: number;
  /** Positions of the first and last customer shown (1-based). */
  from: number;
  to: number;
  customers: CustomerView[];
  saved: { name: string; contactedOn: string } | null;
  figures: PilotFiguresView[];
};

/** The error of one customer's "contacted on" form, with what was typed. */
export type ContactError = { choiceId: number; message: string; value: string; field?: "contactedOn" | "meetingOn" };

export type Option = { value: string; label: string };

export type CommitmentsView = {
  takesNewCustomers: boolean;
  firstMeetingWithinDays: number;
  coachMeetingsPerMonth: number;
  remoteMeetings: boolean;
  verifiedOn: string | null;
};

export type ProfilePageView = {
  lang: string;
  provider: StaffProviderHead;
  commitments: CommitmentsView;
  services: string[];
  municipalities: Option[];
  languages: Option[];
  values: ProfileForm;
  version: string;
  /** After a redirect: "published" or "unchanged". */
  done: "published" | "unchanged" | null;
};

export type PreviewView = {
  shortDescription: string;
  longDescription: string;
  languages: string;
  phone: string | null;
  email: string | null;
  web: string | null;
  offices: OfficeView[];
};

export type ProfileActionView = {
  state: "edit" | "preview";
  values: ProfileForm;
  errors: Record<string, string>;
  version: string;
  /** "stale": someone else published a change after this form was opened. */
  notice: "stale" | null;
  /** The profile as it would look, in the page's language, and its texts in the other two. */
  preview: { view: PreviewView; others: OtherLanguageTexts[] } | null;
  changed: ProfilePart[] | null;
};

export type OtherLanguageTexts = {
  lang: "fi" | "sv" | "en";
  shortDescription: string;
  longDescription: string;
  /** The offices' notes on opening hours and accessibility, in that language. */
  notes: string[];
};
