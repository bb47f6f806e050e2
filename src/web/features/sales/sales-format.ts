// Sales figures as a Dutch user reads them: euros in Dutch notation ("€ 1.234,56"), percentages with a
// decimal comma and a space ("25,3 %"), units, months by their Dutch names ("mrt 2025"), quarters as
// "K1 2025", and every dimension value by its name — never a raw code.
import type { TFunction } from "i18next";
import type { SalesMeasure } from "../../../domain/access.js";
import { formatCents } from "../../i18n/format.js";
import { currentLanguage } from "../../i18n/index.js";
import { formatMonth } from "../quotes/months.js";
import type { DimensionValue, Figures } from "./sales.api.js";

const locale = () => (currentLanguage() === "en" ? "en-GB" : "nl-NL");

/** 2534 basis points → "25,3 %" (one decimal; the space before % is Dutch usage, kept in English). */
export function formatBp(bp: number | null | undefined): string {
  if (bp === null || bp === undefined || !Number.isFinite(bp)) return "—";
  return `${new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(bp / 100)} %`;
}

/** A share 0–1 → "25,3 %". */
export function formatShare(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio) ? "—" : formatBp(Math.round(ratio * 10_000));
}

/** Units (afzet): up to two decimals, Dutch grouping. */
export function formatVolume(units: number | null | undefined): string {
  if (units === null || units === undefined) return "—";
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 2 }).format(units);
}

const wholeEuros = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0, minimumFractionDigits: 0 });

/** Cents as whole euros for overviews: 123456789 → "€ 1.234.568". */
export function formatEurosWhole(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "—";
  return wholeEuros.format(Math.round(cents / 100));
}

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return new Intl.NumberFormat(locale(), { maximumFractionDigits: 0 }).format(n);
}

/** A measure's value in the unit a user reads: euros, a percentage, units or a count. */
export function formatMeasure(measure: SalesMeasure, value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  switch (measure) {
    case "revenue":
    case "margin":
      return formatCents(value);
    case "marginPct":
      return formatBp(value);
    case "volume":
      return formatVolume(value);
    default:
      return formatNumber(value);
  }
}

/** Change against last year in basis points (null when last year had nothing to compare with). */
export function changeBp(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (current === null || current === undefined || previous === null || previous === undefined || previous === 0) return null;
  return Math.round(((current - previous) * 10_000) / Math.abs(previous));
}

/** "+12,5 %" / "−3,0 %" (a real minus sign). */
export function formatChangeBp(bp: number | null): string {
  if (bp === null) return "—";
  const text = formatBp(Math.abs(bp));
  return bp > 0 ? `+${text}` : bp < 0 ? `−${text}` : text;
}

/** The difference of a measure with last year: margin % in points, the rest in its own unit. */
export function formatDifference(measure: SalesMeasure, current: number | null | undefined, previous: number | null | undefined): string {
  if (current === null || current === undefined || previous === null || previous === undefined) return "—";
  const d = current - previous;
  if (measure === "marginPct") {
    const pts = new Intl.NumberFormat(locale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(d) / 100);
    return `${d > 0 ? "+" : d < 0 ? "−" : ""}${pts} ${currentLanguage() === "en" ? "pts" : "pt"}`;
  }
  const text = formatMeasure(measure, Math.abs(d));
  return d > 0 ? `+${text}` : d < 0 ? `−${text}` : text;
}

/** "2025-Q1" → "K1 2025" (nl) / "Q1 2025" (en). */
export function formatQuarter(value: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(value);
  if (!m) return value;
  return `${currentLanguage() === "en" ? "Q" : "K"}${m[2]} ${m[1]}`;
}

/** The name of a dimension value as shown: months and quarters in words, classes by name, "—" for none. */
export function dimensionText(t: TFunction, dimension: string, value: DimensionValue | undefined): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") {
    if (dimension === "month") return formatMonth(value, "short");
    if (dimension === "quarter") return formatQuarter(value);
    return value;
  }
  if (dimension === "class") return value.key === "-" ? t("sales.noClass") : t(`accountClass.${value.key}`, { defaultValue: value.name });
  if (value.key === "-" || value.key === 0 || value.name === "—") return t(`sales.none.${dimension}`, { defaultValue: "—" });
  return value.name;
}

/** The key of a dimension value (for ids, links and series). */
export function dimensionKey(value: DimensionValue | undefined): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : String(value.key);
}

export function measureOf(figures: Figures | undefined, measure: SalesMeasure): number | null {
  const value = figures?.[measure];
  return value === undefined ? null : value;
}

/** Compact euros for chart axes: "€ 1,2 mln". */
export function compactEuros(euros: number): string {
  return `€ ${new Intl.NumberFormat(locale(), { notation: "compact", maximumFractionDigits: 1 }).format(euros)}`;
}

export function compactNumber(n: number): string {
  return new Intl.NumberFormat(locale(), { notation: "compact", maximumFractionDigits: 1 }).format(n);
}
