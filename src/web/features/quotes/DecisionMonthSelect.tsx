// The decision month of a quote picked or typed by its Dutch name — "feb" or "februari 2027" finds
// februari 2027 — whatever the browser's language (a native month input shows the browser's own
// format). The value stays 'YYYY-MM', as the API wants it; "" for none.
import { Select } from "@mantine/core";
import { type ReactNode, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { addMonths } from "../../../domain/calendar.js";
import { currentMonth, formatMonth, isMonthText } from "./months.js";

/** Months offered: a year back (a late entry) to three years ahead (long tenders). */
const BACK = 12;
const AHEAD = 36;

export function monthOptions(now: string, value: string): { value: string; label: string }[] {
  const months: string[] = [];
  for (let i = -BACK; i <= AHEAD; i += 1) months.push(addMonths(now, i));
  // A stored month outside the window is kept, in its place.
  if (isMonthText(value) && !months.includes(value)) months.push(value);
  return months.sort().map((m) => ({ value: m, label: formatMonth(m) }));
}

interface Props {
  label: string;
  value: string;
  onChange: (month: string) => void;
  onBlur?: () => void;
  onFocus?: () => void;
  error?: ReactNode;
  description?: ReactNode;
  required?: boolean;
  maw?: number;
}

export function DecisionMonthSelect({ label, value, onChange, onBlur, onFocus, error, description, required = false, maw }: Props) {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the labels follow the UI language
  const data = useMemo(() => monthOptions(currentMonth(), value), [value, i18n.language]);
  return (
    <Select
      label={label}
      description={description}
      data={data}
      value={isMonthText(value) ? value : null}
      onChange={(v) => onChange(v ?? "")}
      onBlur={onBlur}
      onFocus={onFocus}
      error={error}
      required={required}
      searchable
      clearable={!required}
      placeholder={t("quotes.fields.decisionMonthPlaceholder")}
      nothingFoundMessage={t("quotes.fields.decisionMonthNone")}
      maw={maw}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
