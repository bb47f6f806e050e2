// Step 1 of a new quote: the five questions of "quote or not" (DOMAIN.md). Koers answers go / wait /
// don't with its reasons; the rep follows the advice or overrules it with a written reason, which is
// kept with the quote.
import { Badge, Button, Fieldset, Group, List, NumberInput, Radio, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MIN_OVERRULE_REASON_LENGTH } from "../../../domain/quote-advice.js";
import { ApiError } from "../../api/client.js";
import type { RelationDetail } from "../../api/types.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { AdviceResultPanel } from "./AdviceResultPanel.js";
import { DecisionMonthSelect } from "./DecisionMonthSelect.js";
import { MoneyInput } from "./MoneyInput.js";
import { type AdviceValues, adviceAnswers, dmuOf, validateAdvice } from "./advice-form.js";
import { type AdviceResult, useAskAdvice, useQuoteSettings } from "./quotes.api.js";

export interface AdviceOutcome {
  values: AdviceValues;
  result: AdviceResult;
  /** The rep's reason to quote against a wait or don't; null when the advice is go. */
  overruleReason: string | null;
}

interface Props {
  relation: RelationDetail;
  initial: AdviceValues;
  onContinue: (outcome: AdviceOutcome) => void;
  /** The rep follows a wait or don't: no quote now. */
  onFollow: () => void;
}

export const normalizeReason = (text: string) => text.trim().replace(/\s+/g, " ");

export function AdviceStep({ relation, initial, onContinue, onFollow }: Props) {
  const { t } = useTranslation();
  const settings = useQuoteSettings();
  const ask = useAskAdvice();
  const [overruling, setOverruling] = useState(false);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const form = useForm<AdviceValues>({
    initialValues: initial,
    validate: validateAdvice(t),
    // A changed answer makes the shown advice out of date.
    onValuesChange: () => {
      if (ask.data || ask.error) ask.reset();
      setOverruling(false);
    },
  });
  const segmentTerm = settings.data?.segments.find((s) => s.id === relation.segment?.id)?.maxDecisionMonths ?? settings.data?.defaultMaxTermMonths;
  const local = dmuOf(relation.persons);
  const dmu = ask.data ? { found: ask.data.dmu, missing: (ask.data.criteria.find((c) => c.criterion === "dmu")?.params.missing ?? []) as string[] } : local;
  const yesNo = (field: "solution" | "budget", extra: { value: string; label: string }[] = []) => (
    <Radio.Group label={t(`quotes.advice.questions.${field}`)} required {...form.getInputProps(field)}>
      <Group mt="xs">
        {["yes", "no", "unknown"].map((v) => (
          <Radio key={v} value={v} label={t(`quotes.advice.answers.${v}`)} />
        ))}
        {extra.map((e) => (
          <Radio key={e.value} value={e.value} label={e.label} />
        ))}
      </Group>
    </Radio.Group>
  );

  const proceed = () => {
    if (!ask.data) return;
    if (ask.data.verdict === "go") return onContinue({ values: form.values, result: ask.data, overruleReason: null });
    const text = normalizeReason(reason);
    if (text.length < MIN_OVERRULE_REASON_LENGTH) {
      setReasonError(t("quotes.advice.overruleTooShort", { min: MIN_OVERRULE_REASON_LENGTH }));
      return;
    }
    onContinue({ values: form.values, result: ask.data, overruleReason: text });
  };

  return (
    <Stack>
      <Title order={2}>{t("quotes.advice.title")}</Title>
      <Text size="sm" c="dimmed">
        {t("quotes.advice.intro")}
      </Text>
      <form noValidate onSubmit={form.onSubmit((values) => ask.mutate({ relationId: relation.id, ...adviceAnswers(values) }))}>
        <Stack>
          <Fieldset legend={t("quotes.advice.criteria.solution")}>{yesNo("solution")}</Fieldset>
          <Fieldset legend={t("quotes.advice.criteria.budget")}>
            {yesNo("budget", [{ value: "amount", label: t("quotes.advice.answers.amount") }])}
            {form.values.budget === "amount" && (
              <SimpleGrid cols={{ base: 1, sm: 2 }} mt="sm">
                <MoneyInput label={t("quotes.advice.budgetAmount")} required {...form.getInputProps("budgetAmount")} />
                <MoneyInput label={t("quotes.advice.expectedAmount")} description={t("quotes.advice.expectedHint")} required {...form.getInputProps("expectedAmount")} />
              </SimpleGrid>
            )}
          </Fieldset>
          <Fieldset legend={t("quotes.advice.criteria.chance")}>
            <NumberInput
              label={t("quotes.advice.questions.chance")}
              description={t("quotes.advice.chanceHint", { threshold: settings.data?.chanceThreshold ?? 35 })}
              suffix=" %"
              min={0}
              max={100}
              allowDecimal={false}
              allowNegative={false}
              maw={260}
              {...form.getInputProps("chance")}
            />
          </Fieldset>
          <Fieldset legend={t("quotes.advice.criteria.term")}>
            <DecisionMonthSelect
              label={t("quotes.advice.questions.term")}
              description={t("quotes.advice.termHint", { count: segmentTerm ?? 6, segment: relation.segment?.name ?? t("quotes.advice.noSegment") })}
              maw={260}
              value={form.values.decisionMonth}
              onChange={(month) => form.setFieldValue("decisionMonth", month)}
              error={form.errors.decisionMonth}
            />
          </Fieldset>
          <Fieldset legend={t("quotes.advice.criteria.dmu")}>
            <Text size="sm">{ask.data ? t("quotes.advice.dmuServer") : t("quotes.advice.dmuIntro")}</Text>
            {dmu.found.length === 0 ? (
              <Text size="sm" c="dimmed" mt={4}>
                {t("quotes.advice.dmuNone")}
              </Text>
            ) : (
              <List size="sm" mt={4}>
                {dmu.found.map((p) => (
                  <List.Item key={p.personId}>
                    {p.name}:{" "}
                    {p.roles.map((r) => (
                      <Badge key={r} size="sm" variant="light" mr={4}>
                        {t(`dmu.${r}`, { defaultValue: r })}
                      </Badge>
                    ))}
                  </List.Item>
                ))}
              </List>
            )}
            <Text size="sm" mt={4}>
              {dmu.missing.length === 0
                ? t("quotes.advice.dmuComplete")
                : t("quotes.advice.dmuMissing", { roles: dmu.missing.map((r) => t(`dmu.${r}`, { defaultValue: r })).join(", ") })}
            </Text>
          </Fieldset>
          <Group>
            <Button type="submit" loading={ask.isPending}>
              {t("quotes.advice.ask")}
            </Button>
          </Group>
        </Stack>
      </form>

      {ask.isError && <ErrorAlert error={ask.error} fields={ask.error instanceof ApiError ? ask.error.fields : []} />}
      {ask.data && (
        <Stack>
          <AdviceResultPanel verdict={ask.data.verdict} criteria={ask.data.criteria} />
          {ask.data.verdict === "go" ? (
            <Group>
              <Button onClick={proceed}>{t("quotes.advice.continue")}</Button>
            </Group>
          ) : (
            <>
              <Group>
                <Button variant="default" onClick={onFollow}>
                  {t("quotes.advice.follow")}
                </Button>
                {!overruling && (
                  <Button color="orange" variant="light" onClick={() => setOverruling(true)}>
                    {t("quotes.advice.overrule")}
                  </Button>
                )}
              </Group>
              {overruling && (
                <Stack>
                  <Textarea
                    label={t("quotes.advice.overruleReason")}
                    description={t("quotes.advice.overruleHint", { min: MIN_OVERRULE_REASON_LENGTH })}
                    required
                    autosize
                    minRows={2}
                    maxLength={2000}
                    value={reason}
                    error={reasonError}
                    onChange={(event) => {
                      setReason(event.currentTarget.value);
                      setReasonError(null);
                    }}
                  />
                  <Group>
                    <Button color="orange" onClick={proceed}>
                      {t("quotes.advice.continueAnyway")}
                    </Button>
                  </Group>
                </Stack>
              )}
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}
