// A date and time shown and typed as "dd-mm-jjjj uu:mm" (24 hours) whatever the browser's language
// (a native datetime-local input follows the browser: "12/01/2026, 04:36 PM" in an American Chromium),
// with a calendar named in the UI language. The value is the datetime-local shape the forms keep,
// 'YYYY-MM-DDTHH:mm' on the Amsterdam clock ("" for none): the form converts it (activity-form.ts).
import { DateInput } from "@mantine/dates";
import "@mantine/dates/styles.css";
import "dayjs/locale/en-gb";
import "dayjs/locale/nl";
import { useEffect, useState } from "react";
import { currentLanguage } from "../i18n/index.js";
import { parseTypedDate } from "./DateField.js";

/** "1-12-2026 9:30", "01-12-2026 09.30" → '2026-12-01 09:30:00' (Mantine's shape); null when not a date and time. */
export function parseTypedDateTime(text: string): string | null {
  const m = /^\s*(\S+)\s+(\d{1,2})[:.](\d{2})\s*$/.exec(text);
  if (!m) return null;
  const date = parseTypedDate(m[1] ?? "");
  const [hours, minutes] = [Number(m[2]), Number(m[3])];
  if (date === null || hours > 23 || minutes > 59) return null;
  return `${date} ${String(hours).padStart(2, "0")}:${m[3]}:00`;
}

const toMantine = (local: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local) ? `${local.slice(0, 10)} ${local.slice(11, 16)}:00` : null);

interface Props {
  label: string;
  value: string;
  onChange: (local: string) => void;
  error?: React.ReactNode;
  required?: boolean;
  onBlur?: () => void;
  onFocus?: () => void;
}

export function DateTimeField({ label, value, onChange, error, required, onBlur, onFocus }: Props) {
  const dutch = currentLanguage() !== "en";
  const [current, setCurrent] = useState(value);
  useEffect(() => setCurrent(value), [value]);
  return (
    <DateInput
      label={label}
      error={error}
      required={required}
      withTime
      value={toMantine(current)}
      onChange={(picked) => {
        if (!picked) {
          setCurrent("");
          onChange("");
          return;
        }
        const [day, time = "00:00:00"] = picked.split(" ");
        // A day clicked in the calendar comes without its time: keep the time already chosen.
        const keep = time === "00:00:00" && /T\d{2}:\d{2}/.test(current) ? current.slice(11, 16) : time.slice(0, 5);
        const next = `${day}T${keep}`;
        setCurrent(next);
        onChange(next);
      }}
      onBlur={onBlur}
      onFocus={onFocus}
      locale={dutch ? "nl" : "en-gb"}
      valueFormat={dutch ? "DD-MM-YYYY HH:mm" : "DD/MM/YYYY HH:mm"}
      placeholder={dutch ? "dd-mm-jjjj uu:mm" : "dd/mm/yyyy hh:mm"}
      dateParser={parseTypedDateTime}
      firstDayOfWeek={1}
      clearable={!required}
      fixOnBlur
      popoverProps={{ withinPortal: true }}
    />
  );
}
