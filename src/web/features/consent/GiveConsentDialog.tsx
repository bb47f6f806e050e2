// Record that a person gave consent for one purpose, with the proof the law asks for: when, how
// (source) and to which version of the consent text.
import { Modal, Select, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import type { ConsentPurpose, ConsentSource } from "../../../domain/consent.js";
import { mapFieldErrors } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { useGiveConsent } from "./consent.api.js";
import { DateField } from "../../components/DateField.js";
import { FormButtons } from "../../components/FormButtons.js";

/** Sources a person can give consent through here; an import records its own. */
const GIVE_SOURCES: readonly ConsentSource[] = ["visit", "web_form", "phone", "email"];
const FIELDS = ["date", "source", "textVersion", "proof"];

interface Props {
  personId: number;
  personName: string;
  relationId: number;
  purpose: ConsentPurpose;
  today: string;
  onClose: () => void;
}

export function GiveConsentDialog({ personId, personName, relationId, purpose, today, onClose }: Props) {
  const { t } = useTranslation();
  const give = useGiveConsent(personId, relationId);
  const form = useForm({
    initialValues: { date: today, source: "visit" as string | null, textVersion: "", proof: "" },
    validate: {
      date: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? (v > today ? t("fieldErrors.consent_date_in_future") : null) : t("fieldErrors.date_invalid")),
      source: (v) => (v ? null : t("fieldErrors.required")),
      textVersion: (v) => (v.trim() === "" ? t("fieldErrors.consent_text_version_required") : v.length > 100 ? t("fieldErrors.maxLength", { max: 100 }) : null),
      proof: (v) => (v.length > 2000 ? t("fieldErrors.maxLength", { max: 2000 }) : null),
    },
  });
  const mapped = mapFieldErrors(t, give.error, FIELDS);

  return (
    <Modal opened onClose={onClose} title={t("consent.giveTitle", { purpose: t(`consent.purpose.${purpose}`), name: personName })}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) =>
          give.mutate(
            { purpose, state: "given", date: v.date, source: v.source as ConsentSource, textVersion: v.textVersion.trim(), proof: v.proof.trim() === "" ? null : v.proof.trim() },
            {
              onSuccess: () => {
                notifications.show({ message: t("consent.given"), color: "green" });
                onClose();
              },
              onError: (error) => form.setErrors(mapFieldErrors(t, error, FIELDS).byField),
            },
          ),
        )}
      >
        <Stack>
          {give.isError && Object.keys(mapped.byField).length === 0 && <ErrorAlert error={give.error} fields={mapped.other} />}
          <DateField label={t("consent.fields.date")} required max={today} {...form.getInputProps("date")} />
          <Select
            label={t("consent.fields.source")}
            data={GIVE_SOURCES.map((s) => ({ value: s, label: t(`consent.source.${s}`) }))}
            allowDeselect={false}
            required
            {...form.getInputProps("source")}
          />
          <TextInput
            label={t("consent.fields.textVersion")}
            description={t("consent.textVersionHint")}
            required
            maxLength={100}
            {...form.getInputProps("textVersion")}
          />
          <Textarea label={t("consent.fields.proof")} description={t("consent.proofHint")} autosize minRows={2} maxLength={2000} {...form.getInputProps("proof")} />
          <FormButtons onCancel={onClose} loading={give.isPending} submitLabel={t("consent.give")} />
        </Stack>
      </form>
    </Modal>
  );
}
