// The foot of every form and dialog: "Annuleren" beside the submit button, on the right.
import { Button, Group } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export function FormButtons({ onCancel, submitLabel, loading, disabled }: { onCancel: () => void; submitLabel: ReactNode; loading: boolean; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t("common.cancel")}
      </Button>
      <Button type="submit" loading={loading} disabled={disabled}>
        {submitLabel}
      </Button>
    </Group>
  );
}
