// A due date: a date input plus quick choices (over 1 week … 1 year) computed by the server from
// `from` (the contact moment's date, or today when moving a follow-up). A chosen quick choice follows
// `from` when that changes; typing a date drops it.
import { Button, Group, Stack } from "@mantine/core";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { QuickChoice } from "../../../domain/followup-dates.js";
import { formatDate } from "../../i18n/format.js";
import { useQuickDates } from "./activities.api.js";
import { QUICK_CHOICES } from "./options.js";
import { DateField } from "../../components/DateField.js";

interface Props {
  label: string;
  value: string;
  onChange: (date: string) => void;
  quickChoice: QuickChoice | null;
  onQuickChoice: (choice: QuickChoice | null) => void;
  /** YYYY-MM-DD the quick choices count from; undefined = today on the server. */
  from: string | undefined;
  error?: string | undefined;
  required?: boolean;
}

export function DueDatePicker({ label, value, onChange, quickChoice, onQuickChoice, from, error, required }: Props) {
  const { t } = useTranslation();
  const quick = useQuickDates(from);
  const dateOf = (choice: QuickChoice) => quick.data?.choices.find((c) => c.choice === choice)?.date;

  // biome-ignore lint/correctness/useExhaustiveDependencies: follow the quick choice when its base date changes
  useEffect(() => {
    if (quickChoice === null) return;
    const date = dateOf(quickChoice);
    if (date && date !== value) onChange(date);
  }, [quick.data, quickChoice]);

  return (
    <Stack gap={6}>
      <DateField
        label={label}
        required={required}
        value={value}
        error={error}
        onChange={(date) => {
          onQuickChoice(null);
          onChange(date);
        }}
      />
      <Group gap={6} role="group" aria-label={t("activities.followUp.quickChoices")}>
        {QUICK_CHOICES.map((choice) => {
          const date = dateOf(choice);
          return (
            <Button
              key={choice}
              size="compact-xs"
              variant={quickChoice === choice ? "filled" : "light"}
              aria-pressed={quickChoice === choice}
              disabled={!date}
              title={date ? formatDate(date) : undefined}
              onClick={() => {
                onQuickChoice(choice);
                if (date) onChange(date);
              }}
            >
              {t(`activities.quick.${choice}`)}
            </Button>
          );
        })}
      </Group>
    </Stack>
  );
}
