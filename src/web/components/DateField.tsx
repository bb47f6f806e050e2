// A calendar date shown and typed as dd-mm-jjjj whatever the browser's language (a native date
// input follows the browser's locale: mm/dd/yyyy in an American Chromium), with a calendar whose
// months and weekdays are named in the UI language (Mantine's DateInput with the dayjs locale).
// The value stays 'YYYY-MM-DD' (or "" for none), as the API wants it.
import { DateInput } from "@mantine/dates";
import "@mantine/dates/styles.css";
import "dayjs/locale/en-gb";
import "dayjs/locale/nl";
import { useEffect, useState } from "react";
import { parseDutchDate } from "../../domain/import-values.js";
import { currentLanguage } from "../i18n/index.js";

interface Props {
  label: string;
  value?: string | null | undefined;
  /** 'YYYY-MM-DD', or "" when the field is emptied. */
  onChange: (date: string) => void;
  description?: string | undefined;
  error?: React.ReactNode;
  required?: boolean | undefined;
  min?: string | undefined;
  max?: string | undefined;
  clearable?: boolean | undefined;
  onBlur?: () => void;
  onFocus?: () => void;
}

/** "31-12-2026", "31-12-26", "31/12/2026", "31.12.2026" and "2026-12-31" are all the 31st of December 2026. */
export function parseTypedDate(text: string): string | null {
  const parsed = parseDutchDate(text);
  return parsed.ok ? parsed.value : null;
}

export function DateField({ label, value, onChange, description, error, required, min, max, clearable = !required, onBlur, onFocus }: Props) {
  const dutch = currentLanguage() !== "en";
  // Mirrored locally: a parent that stores the date in the URL answers a render later, and the input
  // must not fall back to the old date when it loses focus meanwhile.
  const [current, setCurrent] = useState(value ?? "");
  useEffect(() => setCurrent(value ?? ""), [value]);
  return (
    <DateInput
      label={label}
      description={description}
      error={error}
      required={required}
      value={current || null}
      onChange={(date) => {
        setCurrent(date ?? "");
        onChange(date ?? "");
      }}
      onBlur={onBlur}
      onFocus={onFocus}
      locale={dutch ? "nl" : "en-gb"}
      valueFormat={dutch ? "DD-MM-YYYY" : "DD/MM/YYYY"}
      placeholder={dutch ? "dd-mm-jjjj" : "dd/mm/yyyy"}
      dateParser={parseTypedDate}
      firstDayOfWeek={1}
      minDate={min}
      maxDate={max}
      clearable={clearable}
      popoverProps={{ withinPortal: true }}
    />
  );
}
