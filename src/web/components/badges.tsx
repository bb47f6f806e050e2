// Status and class as small coloured badges, always with their text (colour is never the only cue).
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

const STATUS_COLORS: Record<string, string> = {
  suspect: "gray",
  prospect: "blue",
  customer: "green",
  former_customer: "yellow",
  dead: "dark",
};

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status] ?? "gray"} variant="light">
      {t(`status.${status}`, { defaultValue: status })}
    </Badge>
  );
}

export function ClassBadge({ accountClass, override = false }: { accountClass: string | null; override?: boolean }) {
  const { t } = useTranslation();
  if (accountClass === null) return null;
  const label = t(`accountClass.${accountClass}`, { defaultValue: accountClass });
  return (
    <Badge color={accountClass === "key" ? "grape" : "indigo"} variant={override ? "filled" : "outline"}>
      {override ? `${label} (${t("relation.classOverridden")})` : label}
    </Badge>
  );
}
