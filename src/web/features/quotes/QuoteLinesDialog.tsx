// Change the lines of a draft (a sent quote changes its lines in a new revision, so the customer's
// version stays on record). Saved with If-Match; a 412 offers to reload.
import { Modal, Stack } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { lineInputs, linesOf, type QuoteFormValues, quoteFieldErrors, validateQuote } from "./quote-form.js";
import { QuoteLinesEditor } from "./QuoteLinesEditor.js";
import { type QuoteDetail, useUpdateQuote } from "./quotes.api.js";
import { FormButtons } from "../../components/FormButtons.js";

export function QuoteLinesDialog({ quote, onClose, onReload }: { quote: QuoteDetail; onClose: () => void; onReload: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateQuote(quote.id);
  // The editor works on the quote form's values; only the lines matter here.
  const form = useForm<QuoteFormValues>({
    initialValues: {
      contactPersonId: null,
      repId: null,
      title: "",
      lines: linesOf(quote.lines),
      probability: quote.probability,
      decisionMonth: quote.decisionMonth,
      validUntil: "",
      notes: "",
      overruleReason: "",
    },
    validate: { lines: validateQuote(t).lines },
  });
  const conflict = isApiError(update.error, "version_conflict");
  const mapped = quoteFieldErrors(t, update.error);

  return (
    <Modal opened onClose={onClose} size={1000} title={t("quotes.editLines.title", { number: quote.number })}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          update.mutate(
            { version: quote.version, changes: { lines: lineInputs(values.lines) } },
            {
              onSuccess: () => {
                notifications.show({ message: t("common.saved"), color: "green" });
                onClose();
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
                onReload();
                onClose();
              }}
            />
          )}
          {update.isError && !conflict && (Object.keys(mapped.byField).length === 0 || mapped.other.length > 0) && (
            <ErrorAlert error={update.error} fields={mapped.other} />
          )}
          <QuoteLinesEditor form={form} />
          <FormButtons onCancel={onClose} loading={update.isPending} submitLabel={t("common.save")} />
        </Stack>
      </form>
    </Modal>
  );
}
