// Step 3: what the import would do, computed against the data as it is now: counts per action, every
// row problem (row, company, column, reason), and the action per row. A problem blocks the commit of
// all rows (all or nothing is the default): the user fixes the file and uploads it again, or chooses
// to import the good rows and download the rejected ones with their reasons.
import { Alert, Button, Group, Pagination, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.js";
import { fieldMessage } from "../../api/problems.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatCount } from "../../i18n/format.js";
import { ActionBadge, CountCards } from "./CountCards.js";
import { FileFacts } from "./MappingStep.js";
import { type ImportJob, type ImportKind, type RowProblem, useCommitImport, useImportPreview } from "./imports.api.js";
import { JobProgress } from "../jobs/JobProgress.js";

const ROWS_PER_PAGE = 25;
const PROBLEMS_PER_PAGE = 20;

function ProblemTable({ problems }: { problems: readonly RowProblem[] }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(problems.length / PROBLEMS_PER_PAGE));
  const shown = problems.slice((page - 1) * PROBLEMS_PER_PAGE, page * PROBLEMS_PER_PAGE);
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={560}>
        <Table striped aria-label={t("imports.preview.problemsTable")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("imports.preview.row")}</Table.Th>
              <Table.Th>{t("imports.preview.company")}</Table.Th>
              <Table.Th>{t("imports.preview.column")}</Table.Th>
              <Table.Th>{t("imports.preview.reason")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((p) => (
              <Table.Tr key={`${p.row}:${p.column}:${p.code}`}>
                <Table.Td>{p.row}</Table.Td>
                <Table.Td>{p.company ?? "—"}</Table.Td>
                <Table.Td>{p.column}</Table.Td>
                <Table.Td>{fieldMessage(t, p)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" aria-label={t("imports.preview.problemPages")} />}
    </Stack>
  );
}

interface Props {
  job: ImportJob;
  onBack: () => void;
  onNewFile: () => void;
  onCommitted: () => void;
}

export function PreviewStep({ job, onBack, onNewFile, onCommitted }: Props) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const preview = useImportPreview(job.id, (page - 1) * ROWS_PER_PAGE, ROWS_PER_PAGE, job.status === "analysed" || job.status === "invalid");
  const commit = useCommitImport(job.id);
  const kind = job.kind as ImportKind;

  if (preview.isPending) return job.analysisJob && job.status === "analysing" ? <JobProgress jobId={job.analysisJob.id} label={t("imports.checking")} /> : <PageLoader />;
  if (preview.isError) {
    return (
      <Stack>
        <ErrorAlert error={preview.error} />
        <Group>
          <Button variant="default" onClick={onBack}>
            {t("imports.preview.back")}
          </Button>
        </Group>
      </Stack>
    );
  }
  const p = preview.data;
  const blocked = p.problemCount > 0;
  const toImport = p.counts.created + p.counts.updated;
  const pages = Math.max(1, Math.ceil(p.total / ROWS_PER_PAGE));
  const rowsWithProblems = new Set(p.problems.map((x) => x.row)).size;

  // The commit runs as a job; the page follows it and shows the result when it is done.
  const doCommit = (skipInvalid = false) => commit.mutate({ skipInvalid }, { onSuccess: onCommitted, onError: () => void preview.refetch() });

  return (
    <Stack>
      <FileFacts job={job} />
      <CountCards counts={p.counts} kind={kind} errorRows={rowsWithProblems} />

      {blocked ? (
        <Alert color="red" role="alert" title={t("imports.preview.problemsTitle", { count: p.problemCount, formattedCount: formatCount(p.problemCount) })}>
          <Text size="sm">{t("imports.preview.problemsText", { count: rowsWithProblems })}</Text>
          {p.problemCount > p.problems.length && (
            <Text size="sm" mt={4}>
              {t("imports.preview.problemsCapped", { shown: formatCount(p.problems.length) })}
            </Text>
          )}
        </Alert>
      ) : (
        <Alert color="green" role="status" title={t("imports.preview.readyTitle")}>
          {t("imports.preview.readyText", { count: toImport })}
        </Alert>
      )}
      {blocked && <ProblemTable problems={p.problems} />}

      <Title order={2} size="h4">
        {t("imports.preview.rowsTitle")}
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table striped aria-label={t("imports.preview.rowsTable")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("imports.preview.row")}</Table.Th>
              <Table.Th>{t("imports.preview.name")}</Table.Th>
              <Table.Th>{t("imports.preview.action")}</Table.Th>
              <Table.Th>{t("imports.preview.changes")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {p.rows.map((r) => (
              <Table.Tr key={r.row}>
                <Table.Td>{r.row}</Table.Td>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>
                  <ActionBadge action={r.action} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.changes.map((c) => t(`audit.fields.${c}`, { defaultValue: c })).join(", ")}</Text>
                  {r.notes.map((n) => (
                    <Text key={n} size="xs" c="dimmed">
                      {n}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" aria-label={t("imports.preview.rowPages")} />}

      {commit.isError &&
        (isApiError(commit.error, "version_conflict") ? (
          <Alert color="orange" role="alert" title={t("errors.versionConflictTitle")}>
            {t("imports.preview.changedMeanwhile")}
          </Alert>
        ) : isApiError(commit.error, "validation_failed") ? (
          <Alert color="red" role="alert" title={t("errors.title")}>
            {t("imports.preview.commitProblems")}
          </Alert>
        ) : (
          <ErrorAlert error={commit.error} />
        ))}

      <Group justify="space-between">
        <Group>
          <Button variant="default" onClick={onBack}>
            {t("imports.preview.back")}
          </Button>
          <Button variant="default" onClick={onNewFile}>
            {t("imports.newFile")}
          </Button>
        </Group>
        <Stack gap={4} align="flex-end">
          <Group justify="flex-end">
            {blocked && toImport > 0 && (
              <Button variant="default" onClick={() => doCommit(true)} disabled={preview.isFetching} loading={commit.isPending} aria-describedby="import-good-rows">
                {t("imports.preview.commitGoodRows", { count: toImport })}
              </Button>
            )}
            <Button onClick={() => doCommit()} disabled={blocked || preview.isFetching} loading={commit.isPending} aria-describedby={blocked ? "import-commit-blocked" : undefined}>
              {t("imports.preview.commit")}
            </Button>
          </Group>
          {blocked && (
            <Text id="import-commit-blocked" size="xs" c="dimmed">
              {t("imports.preview.commitBlocked")}
            </Text>
          )}
          {blocked && toImport > 0 && (
            <Text id="import-good-rows" size="xs" c="dimmed" maw={420} ta="right">
              {t("imports.preview.goodRowsHint", { count: rowsWithProblems })}
            </Text>
          )}
        </Stack>
      </Group>
    </Stack>
  );
}
