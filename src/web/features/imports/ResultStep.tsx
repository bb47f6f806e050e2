// Step 4: the import is done (one transaction): what it did, and where to see the result.
import { Alert, Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatInstant } from "../../i18n/format.js";
import { CountCards } from "./CountCards.js";
import { FileFacts } from "./MappingStep.js";
import { type ImportJob, type ImportKind, rejectedRowsUrl } from "./imports.api.js";

export function ResultStep({ job, onAgain }: { job: ImportJob; onAgain: () => void }) {
  const { t, i18n } = useTranslation();
  const kind = job.kind as ImportKind;
  const rejected = job.counts?.rejected ?? 0;
  return (
    <Stack>
      <Alert color="green" role="status" title={t("imports.result.title")}>
        <Text size="sm">{t(rejected > 0 ? "imports.result.textGoodRows" : "imports.result.text", { date: formatInstant(job.committedAt) })}</Text>
      </Alert>
      <FileFacts job={job} />
      {job.counts && <CountCards counts={job.counts} kind={kind} errorRows={rejected} errorLabel="rejected" />}
      {rejected > 0 && (
        <Alert color="orange" role="alert" title={t("imports.result.rejectedTitle", { count: rejected })}>
          <Text size="sm">{t("imports.result.rejectedText")}</Text>
          <Group mt="xs" gap="md">
            <Anchor href={rejectedRowsUrl(job.id, "xlsx", i18n.language)} download>
              {t("imports.result.rejectedXlsx")}
            </Anchor>
            <Anchor href={rejectedRowsUrl(job.id, "csv", i18n.language)} download>
              {t("imports.result.rejectedCsv")}
            </Anchor>
          </Group>
        </Alert>
      )}
      {kind === "relations" && (job.counts?.created ?? 0) > 0 && job.mapping?.owner === undefined && (
        <Text size="sm" c="dimmed">
          {t("imports.result.noOwner")}
        </Text>
      )}
      <Group>
        <Button component={Link} to="/relations?scope=all">
          {t("imports.result.toRelations")}
        </Button>
        {kind === "relations" && (job.counts?.created ?? 0) > 0 && (
          <Button component={Link} to="/relations?owner=none&scope=all" variant="default">
            {t("imports.result.unassigned")}
          </Button>
        )}
        <Button variant="default" onClick={onAgain}>
          {t("imports.result.again")}
        </Button>
      </Group>
    </Stack>
  );
}
