// Where a follow-up stands today (as the server computed it): overdue, today, upcoming or done.
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";

const COLORS: Record<string, string> = { overdue: "red", today: "orange", upcoming: "blue", done: "gray" };

export function FollowUpTimingBadge({ timing }: { timing: string }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={COLORS[timing] ?? "gray"}>
      {t(`activities.timing.${timing}`, { defaultValue: timing })}
    </Badge>
  );
}
