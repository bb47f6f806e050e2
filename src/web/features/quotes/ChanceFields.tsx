// The two fields that place a quote in the forecast — win probability and decision month — and the
// warning for a decision month already past, as the new-quote form, the chance dialog and the
// revision dialog all show them.
import { Alert, NumberInput } from "@mantine/core";
import type { GetInputPropsReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import { DecisionMonthSelect } from "./DecisionMonthSelect.js";
import { formatMonth } from "./months.js";

/** What @mantine/form's getInputProps gives for a field (value, onChange, error …). */
type InputProps = GetInputPropsReturnType;

export function ProbabilityInput({ inputProps, description, autoFocus = false }: { inputProps: InputProps; description?: string; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <NumberInput
      label={t("quotes.fields.probability")}
      description={description}
      suffix=" %"
      min={0}
      max={100}
      allowDecimal={false}
      allowNegative={false}
      required
      data-autofocus={autoFocus || undefined}
      {...inputProps}
    />
  );
}

export function DecisionMonthInput({ inputProps }: { inputProps: InputProps }) {
  const { t } = useTranslation();
  return (
    <DecisionMonthSelect
      label={t("quotes.fields.decisionMonth")}
      required
      value={String(inputProps.value ?? "")}
      onChange={(month) => inputProps.onChange(month)}
      onBlur={inputProps.onBlur}
      onFocus={inputProps.onFocus}
      error={inputProps.error}
    />
  );
}

export function PastMonthWarning({ month, mt }: { month: string; mt?: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" mt={mt} title={t("quotes.warnings.title")}>
      {t("quotes.warnings.decision_month_past", { month: formatMonth(month) })}
    </Alert>
  );
}
