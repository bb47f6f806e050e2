// A month ("YYYY-MM") picked by its name — "maart 2025" — whatever the browser's language (issue 8:
// months by their Dutch names), with Mantine's month picker and the dayjs locale of the UI language.
import { MonthPickerInput } from "@mantine/dates";
import "@mantine/dates/styles.css";
import "dayjs/locale/nl";
import "dayjs/locale/en-gb";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n/index.js";

interface Props {
  label: string;
  value: string;
  onChange: (month: string) => void;
  minMonth?: string;
  maxMonth?: string;
  error?: string | undefined;
}

export function MonthInput({ label, value, onChange, minMonth, maxMonth, error }: Props) {
  const { t } = useTranslation();
  return (
    <MonthPickerInput
      label={label}
      locale={currentLanguage() === "en" ? "en-gb" : "nl"}
      valueFormat="MMMM YYYY"
      value={value ? `${value}-01` : null}
      onChange={(date) => {
        if (date) onChange(String(date).slice(0, 7));
      }}
      minDate={minMonth ? `${minMonth}-01` : undefined}
      maxDate={maxMonth ? `${maxMonth}-01` : undefined}
      error={error}
      aria-label={label}
      placeholder={t("sales.pickMonth")}
      popoverProps={{ withinPortal: true }}
    />
  );
}
