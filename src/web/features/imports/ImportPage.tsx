// /imports: the import wizard for relations and persons from CSV or XLSX. Upload → map the columns →
// preview (what each row would do, and every row problem) → commit, all or nothing. The job and the
// step live in the URL (?job=12&step=preview), so a reload keeps the user where they were.
import { Button, Group, Stack, Stepper, Text, Title } from "@mantine/core";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { can } from "../../../domain/roles.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { useCurrentUser } from "../auth/session.js";
import { type ImportJob, type ImportKind, retryCommit, useImportJob } from "./imports.api.js";
import { JobProgress } from "../jobs/JobProgress.js";
import { MappingStep } from "./MappingStep.js";
import { PreviewStep } from "./PreviewStep.js";
import { ResultStep } from "./ResultStep.js";
import { UploadStep } from "./UploadStep.js";

type Step = "upload" | "mapping" | "preview" | "done";
const STEPS: readonly Step[] = ["upload", "mapping", "preview", "done"];

function useWizardState() {
  const [params, setParams] = useSearchParams();
  const job = Number(params.get("job") ?? 0);
  const jobId = Number.isInteger(job) && job > 0 ? job : 0;
  const rawStep = params.get("step") as Step | null;
  const step: Step = jobId === 0 ? "upload" : rawStep && STEPS.includes(rawStep) && rawStep !== "upload" ? rawStep : "mapping";
  const kind: ImportKind = params.get("kind") === "persons" ? "persons" : "relations";
  const go = useCallback(
    (next: { step: Step; job?: number; kind?: ImportKind }) => {
      const search = new URLSearchParams();
      if (next.kind ?? kind) search.set("kind", next.kind ?? kind);
      if (next.step !== "upload") {
        search.set("job", String(next.job ?? jobId));
        search.set("step", next.step);
      }
      setParams(search);
    },
    [setParams, jobId, kind],
  );
  return { jobId, step, kind, go };
}

export function ImportPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { jobId, step, kind, go } = useWizardState();
  const job = useImportJob(jobId);

  if (!can(user.role, "crm.write")) {
    return (
      <Stack>
        <Title order={1}>{t("imports.title")}</Title>
        <Text>{t("imports.notAllowed")}</Text>
      </Stack>
    );
  }

  // A committed job can only show its result.
  const status = job.data?.status;
  const shown: Step = status === "committed" ? "done" : step;
  const working = status === "reading" || status === "committing";
  const runningJob = status === "committing" ? job.data?.commitJob : job.data?.analysisJob;
  const failedJob = status === "failed" ? (job.data?.commitJob?.state === "failed" ? job.data.commitJob : job.data?.analysisJob) : null;
  const restart = (k: ImportKind = (job.data?.kind as ImportKind | undefined) ?? kind) => go({ step: "upload", kind: k });

  return (
    <Stack>
      <Title order={1}>{t("imports.title")}</Title>
      <Text c="dimmed" size="sm">
        {t("imports.intro")}
      </Text>
      <Stepper active={shown === "done" ? STEPS.length : STEPS.indexOf(shown)} size="sm" allowNextStepsSelect={false}>
        {STEPS.map((s) => (
          <Stepper.Step key={s} label={t(`imports.steps.${s}`)} description={t(`imports.steps.${s}Hint`)} />
        ))}
      </Stepper>
      {shown === "upload" ? (
        <UploadStep
          kind={kind}
          onKind={(k) => go({ step: "upload", kind: k })}
          onUploaded={(uploaded: ImportJob) => go({ step: "mapping", job: uploaded.id, kind: uploaded.kind as ImportKind })}
        />
      ) : job.isPending ? (
        <PageLoader />
      ) : job.isError ? (
        <ErrorAlert error={job.error} />
      ) : working && runningJob ? (
        <JobProgress jobId={runningJob.id} label={t(status === "committing" ? "imports.committing" : "imports.reading", { file: job.data.fileName })} />
      ) : failedJob ? (
        <Stack>
          <JobProgress jobId={failedJob.id} label={t(job.data.commitJob?.state === "failed" ? "imports.committing" : "imports.reading", { file: job.data.fileName })} />
          <Group>
            {job.data.commitJob?.state === "failed" && (
              <Button onClick={() => void retryCommit(job.data.id).then(() => job.refetch())}>{t("imports.retryCommit")}</Button>
            )}
            <Button variant="default" onClick={() => restart()}>
              {t("imports.newFile")}
            </Button>
          </Group>
        </Stack>
      ) : shown === "mapping" ? (
        <MappingStep job={job.data} onNext={() => go({ step: "preview" })} onNewFile={() => restart()} />
      ) : shown === "preview" ? (
        <PreviewStep job={job.data} onBack={() => go({ step: "mapping" })} onNewFile={() => restart()} onCommitted={() => go({ step: "done" })} />
      ) : (
        <ResultStep job={job.data} onAgain={() => restart()} />
      )}
    </Stack>
  );
}
