// Step 2 of a new quote: contact person, rep, lines, chance, decision month and validity. The advice
// of step 1 goes with it; when the budget was given as an amount, the advice is asked again against
// the live total, and a verdict that is no longer "go" needs the rep's reason before saving.
import { Button, Fieldset, Group, Select, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useDebouncedValue } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { MIN_OVERRULE_REASON_LENGTH } from "../../../domain/quote-advice.js";
import { useUsers } from "../../api/reference.js";
import type { RelationDetail } from "../../api/types.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { useCurrentUser } from "../auth/session.js";
import { adviceAnswers } from "./advice-form.js";
import { AdviceResultPanel } from "./AdviceResultPanel.js";
import { type AdviceOutcome, normalizeReason } from "./AdviceStep.js";
import { currentMonth, } from "./months.js";
import { DecisionMonthInput, PastMonthWarning, ProbabilityInput } from "./ChanceFields.js";
import { emptyLine, type QuoteFormValues, quoteBody, quoteFieldErrors, totalOf, validateQuote } from "./quote-form.js";
import { QuoteLinesEditor } from "./QuoteLinesEditor.js";
import { type QuoteDetail, useCreateQuote, useLiveAdvice } from "./quotes.api.js";
import { DateField } from "../../components/DateField.js";

interface Props {
  relation: RelationDetail;
  advice: AdviceOutcome;
  onBack: () => void;
  onSaved: (quote: QuoteDetail) => void;
  /** Notes to start from: the requirements heard in a visit, carried over from its report. */
  initialNotes?: string;
}

export function QuoteForm({ relation, advice, onBack, onSaved, initialNotes = "" }: Props) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const users = useUsers();
  const create = useCreateQuote();
  const decider = relation.persons.find((p) => p.active && p.dmuRoles.includes("decider"));
  const form = useForm<QuoteFormValues>({
    initialValues: {
      contactPersonId: decider ? String(decider.id) : null,
      repId: String(user.id),
      title: "",
      lines: [emptyLine()],
      probability: advice.values.chance,
      decisionMonth: advice.values.decisionMonth,
      validUntil: "",
      notes: initialNotes,
      overruleReason: advice.overruleReason ?? "",
    },
    validate: validateQuote(t),
  });

  // A budget in euros is judged against the real total, as the server will when saving.
  const total = totalOf(form.values.lines);
  const [debouncedTotal] = useDebouncedValue(total, 400);
  const byAmount = advice.values.budget === "amount";
  const live = useLiveAdvice(
    byAmount && debouncedTotal !== null
      ? { relationId: relation.id, ...adviceAnswers(advice.values, false), budget: { budgetCents: adviceBudget(advice), expectedAmountCents: debouncedTotal } }
      : null,
  );
  const current = byAmount && live.data ? live.data : advice.result;
  const needsReason = current.verdict !== "go";
  const mapped = quoteFieldErrors(t, create.error);
  const pastMonth = form.values.decisionMonth !== "" && form.values.decisionMonth < currentMonth();
  const persons = relation.persons.filter((p) => p.active || String(p.id) === form.values.contactPersonId);

  const submit = form.onSubmit((values) => {
    const reason = normalizeReason(values.overruleReason);
    if (needsReason && reason.length < MIN_OVERRULE_REASON_LENGTH) {
      form.setFieldError("overruleReason", t("quotes.advice.overruleTooShort", { min: MIN_OVERRULE_REASON_LENGTH }));
      return;
    }
    create.mutate(
      { ...quoteBody(relation.id, values), advice: { answers: adviceAnswers(advice.values, false), ...(needsReason ? { overruleReason: reason } : {}) } },
      { onSuccess: onSaved, onError: (error) => form.setErrors(quoteFieldErrors(t, error).byField) },
    );
  });

  return (
    <form noValidate onSubmit={submit}>
      <Stack>
        <AdviceResultPanel
          verdict={current.verdict}
          criteria={current.criteria}
          title={t(
            current.verdict !== advice.result.verdict ? "quotes.form.adviceChanged" : needsReason ? "quotes.form.adviceOverruled" : "quotes.form.adviceFollowed",
            { verdict: t(`quotes.advice.verdict.${current.verdict}`) },
          )}
        />
        {needsReason && (
          <Textarea
            label={t("quotes.advice.overruleReason")}
            description={t("quotes.advice.overruleHint", { min: MIN_OVERRULE_REASON_LENGTH })}
            required
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps("overruleReason")}
          />
        )}
        {create.isError && (Object.keys(mapped.byField).length === 0 || mapped.other.length > 0) && (
          <ErrorAlert error={create.error} fields={mapped.other} fieldLabel={(f) => t(`quotes.fields.${f}`, { defaultValue: f })} />
        )}
        <Fieldset legend={t("quotes.form.customer")}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t("quotes.fields.contactPersonId")}
              data={persons.map((p) => ({ value: String(p.id), label: p.jobTitle ? `${p.displayName} (${p.jobTitle})` : p.displayName }))}
              clearable
              nothingFoundMessage={t("quotes.form.noPersons")}
              {...form.getInputProps("contactPersonId")}
            />
            <Select
              label={t("quotes.fields.repId")}
              data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
              searchable
              allowDeselect={false}
              {...form.getInputProps("repId")}
            />
            <TextInput label={t("quotes.fields.title")} maxLength={200} {...form.getInputProps("title")} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend={t("quotes.form.lines")}>
          <QuoteLinesEditor form={form} />
        </Fieldset>
        <Fieldset legend={t("quotes.form.forecast")}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <ProbabilityInput description={t("quotes.form.probabilityHint")} inputProps={form.getInputProps("probability")} />
            <DecisionMonthInput inputProps={form.getInputProps("decisionMonth")} />
            <DateField label={t("quotes.fields.validUntil")} description={t("quotes.form.validUntilHint")} {...form.getInputProps("validUntil")} />
          </SimpleGrid>
          {pastMonth && <PastMonthWarning month={form.values.decisionMonth} mt="sm" />}
        </Fieldset>
        <Textarea label={t("quotes.fields.notes")} autosize minRows={2} maxLength={10_000} {...form.getInputProps("notes")} />
        <Group justify="space-between">
          <Button variant="default" onClick={onBack}>
            {t("quotes.form.backToAdvice")}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t("quotes.form.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function adviceBudget(advice: AdviceOutcome): number {
  const budget = adviceAnswers(advice.values).budget;
  return typeof budget === "string" ? 0 : budget.budgetCents;
}
