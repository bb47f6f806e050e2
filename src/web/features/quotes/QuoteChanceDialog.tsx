// Keep a quote's chance and decision month current (they make the forecast). Saved with If-Match: a
// 412 says someone else changed the quote first and offers to reload.
import { Modal, Stack, } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { currentMonth, isMonthText } from "./months.js";
import { DecisionMonthInput, PastMonthWarning, ProbabilityInput } from "./ChanceFields.js";
import { quoteFieldErrors } from "./quote-form.js";
import { type QuoteDetail, useUpdateQuote } from "./quotes.api.js";
import { FormButtons } from "../../components/FormButtons.js";

interface Props {
  quote: QuoteDetail;
  opened: boolean;
  onClose: () => void;
  onReload: () => void;
  onWarnings: (warnings: QuoteDetail["warnings"]) => void;
}

export function QuoteChanceDialog({ quote, opened, onClose, onReload, onWarnings }: Props) {
  const { t } = useTranslation();
  const update = useUpdateQuote(quote.id);
  const form = useForm({
    initialValues: { probability: quote.probability as number | string, decisionMonth: quote.decisionMonth },
    validate: {
      probability: (v) => (v !== "" && Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 100 ? null : t("quotes.form.probabilityRange")),
      decisionMonth: (v) => (isMonthText(v) ? null : t("fieldErrors.month_invalid")),
    },
  });
  const close = () => {
    form.reset();
    update.reset();
    onClose();
  };
  const conflict = isApiError(update.error, "version_conflict");
  const mapped = quoteFieldErrors(t, update.error);
  const past = isMonthText(form.values.decisionMonth) && form.values.decisionMonth < currentMonth();

  return (
    <Modal opened={opened} onClose={close} title={t("quotes.chance.title", { number: quote.number })}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          const changes = {
            ...(Number(values.probability) !== quote.probability ? { probability: Number(values.probability) } : {}),
            ...(values.decisionMonth !== quote.decisionMonth ? { decisionMonth: values.decisionMonth } : {}),
          };
          if (Object.keys(changes).length === 0) return close();
          update.mutate(
            // A decision date that no longer lies in the new month would contradict it: it is cleared.
            { version: quote.version, changes: changes.decisionMonth && quote.decisionDate ? { ...changes, decisionDate: null } : changes },
            {
              onSuccess: (saved) => {
                notifications.show({ message: t("common.saved"), color: "green" });
                onWarnings(saved.warnings);
                close();
              },
              onError: (error) => form.setErrors(quoteFieldErrors(t, error).byField),
            },
          );
        })}
      >
        <Stack>
          {conflict && (
            <VersionConflictAlert
              onReload={() => {
                update.reset();
                onReload();
                close();
              }}
            />
          )}
          {update.isError && !conflict && Object.keys(mapped.byField).length === 0 && <ErrorAlert error={update.error} fields={mapped.other} />}
          <ProbabilityInput autoFocus inputProps={form.getInputProps("probability")} />
          <DecisionMonthInput inputProps={form.getInputProps("decisionMonth")} />
          {past && <PastMonthWarning month={form.values.decisionMonth} />}
          <FormButtons onCancel={close} loading={update.isPending} submitLabel={t("common.save")} />
        </Stack>
      </form>
    </Modal>
  );
}
