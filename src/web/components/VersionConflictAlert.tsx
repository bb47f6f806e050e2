import { Alert, Button } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useReveal } from "./reveal.js";

/** Shown on a 412: someone saved first. Reloading takes their version and drops ours. */
export function VersionConflictAlert({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  const ref = useReveal<HTMLDivElement>("once");
  return (
    <Alert ref={ref} tabIndex={-1} color="orange" title={t("errors.versionConflictTitle")} role="alert">
      {t("errors.versionConflict")}
      <div>
        <Button mt="sm" size="xs" variant="light" color="orange" onClick={onReload}>
          {t("common.reload")}
        </Button>
      </div>
    </Alert>
  );
}
