// The advice "quote or not" — go / wait / don't — with the outcome of each of the five criteria in
// words. Used right after asking, and on the quote page for the advice kept with the quote.
import { Alert, List, Text, ThemeIcon } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { adviceReasonText, VERDICT_COLORS } from "./advice-texts.js";

export interface CriterionOutcome {
  criterion: string;
  ok: boolean;
  effect: string;
  code: string;
  params: Readonly<Record<string, number | string | readonly string[]>>;
}

const EFFECT_MARK: Record<string, string> = { go: "✓", wait: "?", dont: "✗" };

export function AdviceResultPanel({ verdict, criteria, title }: { verdict: string; criteria: readonly CriterionOutcome[]; title?: string }) {
  const { t } = useTranslation();
  return (
    <Alert color={VERDICT_COLORS[verdict] ?? "gray"} title={title ?? t(`quotes.advice.verdict.${verdict}`, { defaultValue: verdict })} role="status">
      <Text size="sm" mb="xs">
        {t(`quotes.advice.verdictText.${verdict}`, { defaultValue: "" })}
      </Text>
      <List spacing={4} size="sm" center>
        {criteria.map((c) => (
          <List.Item
            key={c.criterion}
            icon={
              <ThemeIcon size={20} radius="xl" color={VERDICT_COLORS[c.effect] ?? "gray"} aria-hidden>
                {EFFECT_MARK[c.effect] ?? "·"}
              </ThemeIcon>
            }
          >
            <Text span size="sm" fw={600}>
              {t(`quotes.advice.criteria.${c.criterion}`, { defaultValue: c.criterion })}
              {" — "}
              <Text span size="sm" fw={400} c="dimmed">
                {t(`quotes.advice.effect.${c.effect}`, { defaultValue: c.effect })}
              </Text>
              {": "}
            </Text>
            <Text span size="sm">
              {adviceReasonText(t, c.code, c.params)}
            </Text>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
