// The data actions of the relations list: export what the list shows now (its filter and sort from
// the URL, exactly what GET /api/relations gets) as CSV or Excel — relations for everyone, persons
// and contact moments only for roles that may export personal data — plus the ways to the import
// wizard and to the duplicates.
import { Alert, Button, Group, Menu, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { can } from "../../../domain/roles.js";
import { ApiError, api, queryString } from "../../api/client.js";
import { type Job, jobDone } from "../jobs/jobs.api.js";
import { errorMessage } from "../../api/problems.js";
import { useCurrentUser } from "../auth/session.js";
import { hasFilters, useListState } from "../relations/list-state.js";
import { CSV_DIALECTS, type CsvDialect, fileParams, useCsvDialect } from "./csv-dialect.js";
import { downloadFile } from "./download.js";

type Dataset = "relations" | "persons" | "contact-moments";
type Format = "csv" | "xlsx";
const FORMATS: readonly Format[] = ["csv", "xlsx"];

/** The export job URL of a dataset with the list's current filter. */
export function exportUrl(dataset: Dataset, format: Format, filter: URLSearchParams, dialect: CsvDialect = "nl"): string {
  const params = new URLSearchParams(filter);
  params.set("format", format);
  for (const [key, value] of Object.entries(fileParams(dialect))) params.set(key, value);
  return `/api/exports/${dataset}/job${queryString(params)}`;
}

export function RelationListActions() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [state, apiParams] = useListState();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [dialect, setDialect] = useCsvDialect();
  const datasets: Dataset[] = can(user.role, "persons.export") ? ["relations", "persons", "contact-moments"] : ["relations"];
  const filtered = hasFilters(state) || state.q.trim() !== "";

  const run = async (dataset: Dataset, format: Format) => {
    const key = `${dataset}.${format}`;
    setBusy(key);
    setError(null);
    try {
      // The export is written by a background job (a large list is CPU work); then it is downloaded.
      const started = await api.post<Job>(exportUrl(dataset, format, apiParams, dialect), undefined);
      const job = await jobDone(started.id);
      if (job.state !== "succeeded") throw new ApiError(422, job.error?.code ?? "internal", job.error?.message ?? "");
      const name = await downloadFile(`/api/jobs/${job.id}/file`, `${dataset}.${format}`);
      notifications.show({ color: "green", message: t("exports.started", { name }) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  // The visit-norm filter belongs to the report (team scope); an export of it is not offered.
  if (state.visitNorm !== "") return null;
  return (
    <>
      <Group gap="xs" justify="flex-end">
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button variant="default" loading={busy !== null} aria-haspopup="menu">
              {t("exports.button")}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{filtered ? t("exports.withFilter") : t("exports.all")}</Menu.Label>
            {datasets.flatMap((dataset) =>
              FORMATS.map((format) => (
                <Menu.Item key={`${dataset}.${format}`} onClick={() => void run(dataset, format)}>
                  {t(`exports.item.${format}`, { dataset: t(`exports.dataset.${dataset}`) })}
                </Menu.Item>
              )),
            )}
            <Menu.Divider />
            <Menu.Label>{t("exports.dialect.label")}</Menu.Label>
            {CSV_DIALECTS.map((d) => (
              <Menu.Item
                key={d}
                // Mantine keeps role="menuitem"; the chosen one says so in its accessible description.
                aria-description={dialect === d ? t("exports.dialect.chosen") : undefined}
                closeMenuOnClick={false}
                leftSection={<span aria-hidden="true">{dialect === d ? "●" : "○"}</span>}
                onClick={() => setDialect(d)}
              >
                {t(`exports.dialect.${d}`)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Button component={Link} to="/relations/duplicates" variant="subtle">
          {t("exports.duplicates")}
        </Button>
        {can(user.role, "crm.write") && (
          <Button component={Link} to="/imports" variant="subtle">
            {t("exports.import")}
          </Button>
        )}
      </Group>
      {error !== null && (
        <Alert color="red" role="alert" title={t("exports.failed")} withCloseButton onClose={() => setError(null)} closeButtonLabel={t("common.close")}>
          <Text size="sm">{errorMessage(t, error)}</Text>
        </Alert>
      )}
    </>
  );
}
