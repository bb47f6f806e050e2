// What an import does, counted per action (new, updated, unchanged, skipped), and one row's action
// as a badge with its text (colour is never the only cue).
import { Badge, Paper, SimpleGrid, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatCount } from "../../i18n/format.js";
import type { ImportCounts, ImportKind } from "./imports.api.js";

const ACTION_COLORS: Record<string, string> = {
  create: "green",
  update: "blue",
  unchanged: "gray",
  skip_dead: "dark",
  skip_duplicate: "yellow",
};

export function ActionBadge({ action }: { action: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={ACTION_COLORS[action] ?? "gray"} variant="light">
      {t(`imports.actions.${action}`, { defaultValue: action })}
    </Badge>
  );
}

const COUNTS: readonly (keyof ImportCounts)[] = ["created", "updated", "unchanged", "skippedDead", "skippedDuplicate"];

interface Props {
  counts: ImportCounts;
  kind: ImportKind;
  /** Rows that cannot be imported (preview), or that were set aside (result): in none of the other counts. */
  errorRows?: number;
  /** The label of errorRows: "errorRows" before the commit, "rejected" after. */
  errorLabel?: "errorRows" | "rejected";
}

export function CountCards({ counts, kind, errorRows = 0, errorLabel = "errorRows" }: Props) {
  const { t } = useTranslation();
  const shown = kind === "persons" && counts.consentsRecorded > 0 ? [...COUNTS, "consentsRecorded" as const] : COUNTS;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: shown.length + (errorRows > 0 ? 1 : 0) }} spacing="sm" component="dl" m={0}>
      {errorRows > 0 && (
        <Paper withBorder p="sm" bg="var(--mantine-color-red-light)">
          <Text component="dt" size="xs" c="red">
            {t(`imports.counts.${errorLabel}`)}
          </Text>
          <Text component="dd" m={0} fz="xl" fw={700} c="red" data-count="errorRows">
            {formatCount(errorRows)}
          </Text>
        </Paper>
      )}
      {shown.map((key) => (
        <Paper key={key} withBorder p="sm">
          <Text component="dt" size="xs" c="dimmed">
            {t(`imports.counts.${key}`)}
          </Text>
          <Text component="dd" m={0} fz="xl" fw={700} data-count={key}>
            {formatCount(counts[key] ?? 0)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
