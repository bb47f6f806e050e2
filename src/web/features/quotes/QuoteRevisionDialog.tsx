// "New revision": OV87-2 after OV87-1, with the same lines, starting as a draft. A sent revision is
// withdrawn as superseded; a lost one needs a fresh chance (it stood at 0 %).
import { Modal, Stack, Text, } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { isApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { isMonthText } from "./months.js";
import { DecisionMonthInput, ProbabilityInput } from "./ChanceFields.js";
import { quoteFieldErrors } from "./quote-form.js";
import { type QuoteDetail, useReviseQuote } from "./quotes.api.js";
import { FormButtons } from "../../components/FormButtons.js";

export function QuoteRevisionDialog({ quote, onClose, onReload }: { quote: QuoteDetail; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const revise = useReviseQuote(quote.id);
  const lost = quote.status === "lost";
  const form = useForm({
    initialValues: { probability: (lost ? "" : quote.probability) as number | string, decisionMonth: quote.decisionMonth },
    validate: {
      probability: (v) => (v !== "" && Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 100 ? null : t("quotes.form.probabilityRange")),
      decisionMonth: (v) => (isMonthText(v) ? null : t("fieldErrors.month_invalid")),
    },
  });
  const conflict = isApiError(revise.error, "version_conflict");
  const mapped = quoteFieldErrors(t, revise.error);

  return (
    <Modal opened onClose={onClose} title={t("quotes.revision.title", { number: quote.number })}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          revise.mutate(
            {
              version: quote.version,
              changes: {
                probability: Number(values.probability),
                ...(values.decisionMonth !== quote.decisionMonth ? { decisionMonth: values.decisionMonth, decisionDate: null } : {}),
              },
            },
            {
              onSuccess: (created) => {
                notifications.show({ message: t("quotes.revision.done", { number: created.number }), color: "green" });
                onClose();
                navigate(`/quotes/${created.id}`, { state: { warnings: created.warnings } });
              },
              onError: (error) => form.setErrors(quoteFieldErrors(t, error).byField),
            },
          ),
        )}
      >
        <Stack>
          {conflict && (
            <VersionConflictAlert
              onReload={() => {
                revise.reset();
                onReload();
                onClose();
              }}
            />
          )}
          {revise.isError && !conflict && Object.keys(mapped.byField).length === 0 && <ErrorAlert error={revise.error} fields={mapped.other} />}
          <Text size="sm">{t(quote.status === "sent" ? "quotes.revision.supersedes" : "quotes.revision.text")}</Text>
          <ProbabilityInput autoFocus inputProps={form.getInputProps("probability")} />
          <DecisionMonthInput inputProps={form.getInputProps("decisionMonth")} />
          <FormButtons onCancel={onClose} loading={revise.isPending} submitLabel={t("quotes.revision.submit")} />
        </Stack>
      </form>
    </Modal>
  );
}
