// Kinds of contact moment and sales methods as select options, each kind with a small glyph
// (decoration only: the label is always shown beside it).
import type { TFunction } from "i18next";
import { ACTIVITY_KINDS, type ActivityKind, SALES_METHODS } from "../../../domain/contact-moment.js";
import { QUICK_CHOICES } from "../../../domain/followup-dates.js";

export const KIND_GLYPHS: Record<ActivityKind, string> = {
  visit: "⌂",
  phone_call: "☎",
  email: "✉",
  demo: "▶",
  quote_meeting: "€",
  after_sales_visit: "✓",
};

export const KIND_COLORS: Record<ActivityKind, string> = {
  visit: "teal",
  phone_call: "blue",
  email: "gray",
  demo: "violet",
  quote_meeting: "orange",
  after_sales_visit: "green",
};

export const kindOptions = (t: TFunction) => ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`activities.kind.${k}`) }));
export const salesMethodOptions = (t: TFunction) => SALES_METHODS.map((m) => ({ value: m, label: t(`activities.salesMethod.${m}`) }));
export { QUICK_CHOICES };

export function isKind(value: string): value is ActivityKind {
  return (ACTIVITY_KINDS as readonly string[]).includes(value);
}
