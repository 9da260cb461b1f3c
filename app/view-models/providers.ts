import type { CustomerGroup } from "~/domain/customer-groups";
import type { ShareMeasure } from "~/domain/results";
import type { Verdict } from "~/domain/verdict";
import type { ShownOption, SortOption } from "~/domain/providers";

/**
 * What the provider pages render, prepared by the server (app/.server/providers/pages.ts).
 * Numbers and dates arrive formatted, so that the server's and the browser's Intl never disagree.
 */

export type ShareView =
  | {
      kind: "shown";
      /** "38 %" */
      percent: string;
      low: string;
      high: string;
      n: number;
      estimate: number;
      lower: number;
      upper: number;
      /** The one sentence about the figure (app/.server/providers/figure-sentence.ts). */
      sentence?: string;
      /** Against the public service; absent for the public service itself. */
      verdict?: Verdict | null;
    }
  | { kind: "too-few"; n: number; sentence?: string; verdict?: Verdict | null }
  | { kind: "none"; sentence?: string };

export type MeanView =
  | { kind: "shown"; mean: string; value: number; responses: number; sentence?: string }
  | { kind: "too-few"; responses: number; sentence?: string }
  | { kind: "none"; sentence?: string };

export type FiguresView = {
  shares: Record<ShareMeasure, ShareView>;
  satisfaction: MeanView;
};

/** The public service's figure of each measure, drawn as a mark on every provider's graphic. */
export type ReferenceView = Partial<Record<ShareMeasure, { estimate: number; percent: string }>>;

export type CardFigure = { measure: ShareMeasure; share: ShareView } | { measure: "satisfaction"; mean: MeanView };

export type ProviderCardView = {
  slug: string;
  name: string;
  shortDescription: string;
  takesNewCustomers: boolean;
  firstMeetingWithinDays: number;
  languages: string;
  verified: boolean;
  /** The one result the list shows (the profile shows them all). */
  figure: CardFigure;
  /** "New: results after 12 months (5 months so far)", or null for a provider with a year of results. */
  isNew: string | null;
};

/**
 * A card in a whole comparison page's data (docs/decisions/082-cards-written-once.md): what the
 * browser needs of a card whose body the server has written into the page, its name and address.
 * The server renders the card from the whole card it stands for (`wholeCards`).
 */
export type CardInPage = { slug: string; name: string };

/**
 * The whole card each `CardInPage` stands for: filled by the server as it makes them
 * (app/.server/providers/pages.ts `cardsInPage`), and read as it renders the page. In the browser
 * it stays empty: the card's body is already in the page.
 */
export const wholeCards = new WeakMap<CardInPage, ProviderCardView>();

/** A page's data with its cards as a whole page carries them. */
export type WithCardsInPage<V extends { items: ProviderCardView[] }> = Omit<V, "items"> & { items: CardInPage[] };

/** A whole card (as the browser's data requests get them), not one that only names its provider. */
export const isWholeCard = (card: ProviderCardView | CardInPage): card is ProviderCardView => "figure" in card;

export type Option = { value: string; label: string };

export type ComparisonNotice =
  | { key: "pilot" | "municipality" | "language" | "service" | "sort" | "show" | "page" | "group"; value: string }
  | { key: "pageBeyond"; value: string; last: number }
  | { key: "municipalityPilot"; municipality: string; pilot: string };

export type ComparisonView = {
  lang: string;
  today: string;
  notices: ComparisonNotice[];
  /** The customer group whose figures are shown ("people like me", decision 069); null: all customers. */
  group: CustomerGroup | null;
  /** Set when the home municipality is in no pilot with providers. */
  outside: { municipality: string } | null;
  pilot: { slug: string; name: string; isExample: boolean; threshold: number } | null;
  form: {
    pilots: Option[];
    municipalities: Option[];
    languages: Option[];
    values: { pilot: string; municipality: string; language: string; service: string; sort: SortOption; show: ShownOption };
  };
  period: {
    latest: string;
    lastUpdated: string;
    windows: Record<ShareMeasure | "satisfaction", string>;
  } | null;
  publicService: { figures: FiguresView } | null;
  reference: ReferenceView;
  sort: SortOption;
  show: ShownOption;
  total: number;
  page: number;
  pageCount: number;
  firstOnPage: number;
  lastOnPage: number;
  /** In the order the page states: by name, or by the lower end of the range (app/domain/verdict.ts). */
  items: ProviderCardView[];
  /** Providers whose time in the pilot is over: their profiles and results stay. */
  departed: { slug: string; name: string; lastDay: string }[];
  /** Query strings of the pages: [page number, search]. */
  pages: { number: number; search: string }[];
  search: { previous: string | null; next: string | null };
};

export type MonthView = {
  month: string;
  /** "5/2026" */
  label: string;
  started: number;
  shares: Record<ShareMeasure, { x: number; share: number | null; percent: string | null } | null>;
  satisfaction: { responses: number; mean: string | null; value: number | null };
};

export type OfficeView = {
  streetAddress: string;
  postalCode: string;
  municipality: string;
  hours: string[];
  hoursNote: string | null;
  accessibility: {
    stepFreeEntrance: boolean;
    lift: boolean | null;
    accessibleToilet: boolean;
    inductionLoop: boolean;
    accessibleParking: boolean;
    note: string | null;
  };
};

export type ProfileView = {
  lang: string;
  notices: ComparisonNotice[];
  provider: {
    slug: string;
    businessId: string;
    name: string;
    shortDescription: string;
    longDescription: string;
    isExample: boolean;
    phone: string | null;
    email: string | null;
    web: string | null;
    languages: string;
    services: string[];
    commitments: {
      takesNewCustomers: boolean;
      firstMeetingWithinDays: number;
      coachMeetingsPerMonth: number;
      remoteMeetings: boolean;
      verifiedOn: string | null;
    };
  };
  offices: OfficeView[];
  pilots: { slug: string; name: string; from: string; until: string | null; current: boolean }[];
  /** Whether the provider serves any pilot today: one that has left cannot be chosen. */
  servesNow: boolean;
  /** "X no longer serves in Y: its last day was …", one for each pilot it has left (the reason included). */
  departed: string[];
  chooseHref: string;
  compareSearch: string;
  results: {
    pilot: { slug: string; name: string; threshold: number };
    period: ComparisonView["period"];
    figures: FiguresView | null;
    publicService: FiguresView | null;
    /** "New: results after 12 months …", or null. */
    isNew: string | null;
    reference: ReferenceView;
    months: MonthView[];
    /** Range of the monthly series: "toukokuu 2025 – lokakuu 2026". */
    span: string | null;
  } | null;
};
