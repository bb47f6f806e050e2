// Status of a quote and its stale flag as badges, always with their text (colour is never the only cue).
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

const STATUS_COLORS: Record<string, string> = { draft: "gray", sent: "blue", won: "green", lost: "red", withdrawn: "dark" };

export function QuoteStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status] ?? "gray"} variant="light">
      {t(`quotes.status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

/** An open quote whose decision month has passed: its chance and month need updating. */
export function StaleBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="orange" variant="filled" title={t("quotes.staleHint")}>
      {t("quotes.stale")}
    </Badge>
  );
}
