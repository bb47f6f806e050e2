// /sales/import (administrators and sales managers): an ERP export of invoice lines. Upload → the
// columns recognised (change them per field) → the analysis as a background job with its progress →
// counts and every problem by row and column → commit, also a job → the result. Nothing is written
// while any row has a problem. The import and the job it waits for live in the URL (?import=7&job=12),
// so a reload keeps following them.
import { Alert, Anchor, Badge, Button, FileButton, Group, Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { type DragEvent, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { can } from "../../../domain/roles.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { useCurrentUser } from "../auth/session.js";
import { uploadProblem } from "../imports/UploadStep.js";
import { JobProgress } from "../jobs/JobProgress.js";
import { currentMonth } from "../quotes/months.js";
import { reportLink, yearToDate } from "./report-state.js";
import { ACCEPTED_SALES_FILES, isRunning, localSalesFileProblem, type SalesImport, useCommitSales, useSalesImport, useUploadSales } from "./sales-import.api.js";
import { SalesImportCounts, SalesImportResult } from "./SalesImportCounts.js";
import { SalesMapping } from "./SalesMapping.js";
import { SalesProblems } from "./SalesProblems.js";
import { SalesNav } from "./SalesNav.js";

const STATUS_COLORS: Record<string, string> = { reading: "blue", mapping: "orange", analysing: "blue", analysed: "green", invalid: "red", committing: "blue", committed: "teal", failed: "red" };

function useImportParams() {
  const [params, setParams] = useSearchParams();
  const id = Number(params.get("import"));
  const job = Number(params.get("job"));
  const follow = useCallback(
    (importId: number | null, jobId: number | null = null, replace = false) => {
      const next = new URLSearchParams();
      if (importId !== null) next.set("import", String(importId));
      if (jobId !== null) next.set("job", String(jobId));
      setParams(next, { replace });
    },
    [setParams],
  );
  return { importId: Number.isInteger(id) && id > 0 ? id : null, jobId: Number.isInteger(job) && job > 0 ? job : null, follow };
}

export function SalesImportPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { importId, jobId, follow } = useImportParams();
  if (!can(user.role, "sales.import")) {
    return (
      <Stack>
        <SalesNav />
        <Title order={1}>{t("sales.import.title")}</Title>
        <Text>{t("sales.import.notAllowed")}</Text>
      </Stack>
    );
  }
  return (
    <Stack>
      <SalesNav />
      <Title order={1}>{t("sales.import.title")}</Title>
      <Text size="sm" c="dimmed">
        {t("sales.import.intro")}
      </Text>
      {importId === null ? <Upload onUploaded={(imported) => follow(imported.id, imported.analysisJob?.id ?? null)} /> : <ImportView id={importId} jobId={jobId} follow={follow} />}
    </Stack>
  );
}

function Upload({ onUploaded }: { onUploaded: (imported: SalesImport) => void }) {
  const { t } = useTranslation();
  const upload = useUploadSales();
  const [createMissing, setCreateMissing] = useState(false);
  const [problem, setProblem] = useState<{ fileName: string; message: string; detail?: string | undefined } | null>(null);
  const [dragging, setDragging] = useState(false);
  const send = (file: File | null | undefined) => {
    if (!file) return;
    const local = localSalesFileProblem(file);
    if (local) {
      setProblem({ fileName: file.name, message: t(`imports.fileErrors.${local}`) });
      return;
    }
    setProblem(null);
    upload.mutate({ file, createMissing }, { onSuccess: onUploaded, onError: (error) => setProblem({ fileName: file.name, ...uploadProblem(t, error) }) });
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    send(event.dataTransfer.files[0]);
  };
  return (
    <Stack>
      <Paper
        withBorder
        p="xl"
        role="group"
        aria-label={t("sales.import.zone")}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        bg={dragging ? "var(--mantine-color-teal-light)" : undefined}
        style={{ borderStyle: "dashed" }}
      >
        <Stack align="center" gap="xs">
          <Text ta="center">{t("sales.import.dropHere")}</Text>
          <FileButton onChange={send} accept={ACCEPTED_SALES_FILES}>
            {(props) => (
              <Button {...props} loading={upload.isPending}>
                {t("sales.import.chooseFile")}
              </Button>
            )}
          </FileButton>
          <Text size="xs" c="dimmed" ta="center">
            {t("sales.import.columnsHint")}
          </Text>
        </Stack>
      </Paper>
      <Switch label={t("sales.import.createMissing")} description={t("sales.import.createMissingHint")} checked={createMissing} onChange={(e) => setCreateMissing(e.currentTarget.checked)} />
      {problem && (
        <Alert color="red" title={t("sales.import.fileProblem", { name: problem.fileName })} role="alert">
          {problem.message}
          {problem.detail && (
            <Text size="xs" mt={4}>
              {problem.detail}
            </Text>
          )}
        </Alert>
      )}
    </Stack>
  );
}

function ImportView({ id, jobId, follow }: { id: number; jobId: number | null; follow: (importId: number | null, jobId?: number | null, replace?: boolean) => void }) {
  const { t } = useTranslation();
  const imported = useSalesImport(id);
  const commit = useCommitSales(id);
  // The URL names the job followed; when the import moves on to its next job (header read → analysis),
  // the URL follows, so a reload shows the job that runs now.
  const runningJob = imported.data && isRunning(imported.data.status) ? ((imported.data.status === "committing" ? imported.data.commitJob : imported.data.analysisJob)?.id ?? null) : null;
  useEffect(() => {
    if (runningJob !== null && runningJob !== jobId) follow(id, runningJob, true);
  }, [runningJob, jobId, id, follow]);
  if (imported.isPending) return <PageLoader />;
  if (imported.isError) return <ErrorAlert error={imported.error} />;
  const job = imported.data;
  const status = job.status;
  // The job the import waits for now: reading the header and analysing (one after the other), or committing.
  const current = status === "committing" ? job.commitJob : status === "reading" || status === "analysing" ? job.analysisJob : null;
  const month = currentMonth();
  const failedJob = job.commitJob ?? job.analysisJob;
  return (
    <Stack>
      <Group justify="space-between" align="center" gap="xs">
        <Group gap="xs" miw={0}>
          <Text fw={600} style={{ overflowWrap: "anywhere" }}>
            {job.fileName}
          </Text>
          <Badge color={STATUS_COLORS[status] ?? "gray"} variant="light" data-status={status}>
            {t(`sales.import.status.${status}`)}
          </Badge>
        </Group>
        <Button variant="default" size="xs" onClick={() => follow(null)}>
          {t("sales.import.otherFile")}
        </Button>
      </Group>

      {status !== "reading" && status !== "committing" && status !== "committed" && (
        <SalesMapping job={job} disabled={isRunning(status)} onAnalysing={(next) => follow(id, next.analysisJob?.id ?? null)} />
      )}

      {(status === "reading" || status === "analysing") && current && (
        <JobProgress key={current.id} jobId={current.id} label={t(status === "reading" ? "sales.import.readJob" : "sales.import.analysisJob", { name: job.fileName })} />
      )}
      {status === "failed" && failedJob && <JobProgress jobId={failedJob.id} label={t("sales.import.jobFor", { name: job.fileName })} />}
      {status === "failed" && job.commitJob && (
        // A commit that failed or was stopped may run again: lines already written are found unchanged.
        <Group>
          <Button loading={commit.isPending} onClick={() => commit.mutate(undefined, { onSuccess: (next) => follow(id, next.commitJob?.id ?? null) })}>
            {t("sales.import.retryCommit")}
          </Button>
        </Group>
      )}

      {job.analysis && !isRunning(status) && <SalesImportCounts analysis={job.analysis} createMissing={job.createMissing} />}
      {job.analysis && status === "invalid" && (
        <Alert color="red" role="alert" title={t("sales.import.invalidTitle", { count: job.analysis.problems })}>
          {t("sales.import.invalidText")}
        </Alert>
      )}
      {job.analysis && job.analysis.problems > 0 && !isRunning(status) && <SalesProblems importId={id} total={job.analysis.problems} />}

      {status === "analysed" && (
        <Alert color="green" role="status" title={t("sales.import.readyTitle")}>
          <Stack gap="xs">
            <Text size="sm">{t("sales.import.readyText", { count: job.analysis?.rows ?? 0 })}</Text>
            <Group>
              <Button loading={commit.isPending} onClick={() => commit.mutate(undefined, { onSuccess: (next) => follow(id, next.commitJob?.id ?? null) })}>
                {t("sales.import.commit")}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {commit.isError && <ErrorAlert error={commit.error} />}
      {status === "committing" && current && <JobProgress key={current.id} jobId={current.id} label={t("sales.import.commitJob", { name: job.fileName })} />}
      {status === "committed" && job.analysis?.committed && (
        <Stack>
          <SalesImportResult result={job.analysis.committed} />
          <Group>
            <Anchor component={Link} to={reportLink({ measures: ["revenue"], dimensions: ["rayon"], ...yearToDate(month), compare: true })}>
              {t("sales.import.toReport")}
            </Anchor>
            <Anchor component="button" type="button" onClick={() => follow(null)}>
              {t("sales.import.again")}
            </Anchor>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
