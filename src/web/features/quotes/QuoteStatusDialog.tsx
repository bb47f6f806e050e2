// A status step of a quote (send, won, lost, withdraw), only as the domain allows from the current
// status. A lost quote needs its reason (what the rep learns from it) and may name the competitor.
import { Button, Group, Modal, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { QuoteStatus } from "../../../domain/quote-status.js";
import { isApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { VersionConflictAlert } from "../../components/VersionConflictAlert.js";
import { quoteFieldErrors } from "./quote-form.js";
import { type QuoteDetail, useUpdateQuote } from "./quotes.api.js";

interface Props {
  quote: QuoteDetail;
  to: QuoteStatus;
  onClose: () => void;
  onReload: () => void;
}

export function QuoteStatusDialog({ quote, to, onClose, onReload }: Props) {
  const { t } = useTranslation();
  const update = useUpdateQuote(quote.id);
  const lost = to === "lost";
  const form = useForm({
    initialValues: { lostReason: "", competitorWon: "" },
    validate: { lostReason: (v) => (lost && v.trim() === "" ? t("fieldErrors.lost_reason_required") : null) },
  });
  const conflict = isApiError(update.error, "version_conflict");
  const mapped = quoteFieldErrors(t, update.error);
  const byField = mapped.byField;

  return (
    <Modal opened onClose={onClose} title={t(`quotes.actions.${to}Title`, { number: quote.number })}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          update.mutate(
            {
              version: quote.version,
              changes: lost
                ? { status: to, lostReason: values.lostReason.trim(), ...(values.competitorWon.trim() ? { competitorWon: values.competitorWon.trim() } : {}) }
                : { status: to },
            },
            {
              onSuccess: () => {
                notifications.show({ message: t(`quotes.actions.${to}Done`, { number: quote.number }), color: "green" });
                onClose();
              },
              onError: () => undefined,
            },
          ),
        )}
      >
        <Stack>
          {conflict && (
            <VersionConflictAlert
              onReload={() => {
                update.reset();
                onReload();
                onClose();
              }}
            />
          )}
          {update.isError && !conflict && (Object.keys(byField).length === 0 || mapped.other.length > 0) && <ErrorAlert error={update.error} fields={mapped.other} />}
          <Text size="sm">{t(`quotes.actions.${to}Text`)}</Text>
          {lost && (
            <>
              <Textarea
                label={t("quotes.fields.lostReason")}
                required
                autosize
                minRows={2}
                maxLength={1000}
                data-autofocus
                {...form.getInputProps("lostReason")}
                error={form.errors.lostReason ?? byField.lostReason}
              />
              <TextInput
                label={t("quotes.fields.competitorWon")}
                maxLength={200}
                {...form.getInputProps("competitorWon")}
                error={form.errors.competitorWon ?? byField.competitorWon}
              />
            </>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color={lost ? "red" : undefined} loading={update.isPending}>
              {t(`quotes.actions.${to}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
