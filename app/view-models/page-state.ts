/**
 * What an action tells the loaders of the same document request (app/.server/platform/forms.ts):
 * "error" prefixes the title with "Error:"; "notRecorded" says that a choice was not recorded; the
 * provider staff's "preview" gives the preview's title.
 */
export type PageState = "error" | "notRecorded" | "preview";
