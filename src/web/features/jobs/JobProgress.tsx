// A job's progress as a user sees it: what it is doing, how far it is, and a way to stop it; when it
// failed, why. Shown wherever a page waits for a job (imports, a past forecast, large exports).
import { Alert, Button, Group, Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { formatCount } from "../../i18n/format.js";
import { cancelJob, type Job, useJob } from "./jobs.api.js";

interface Props {
  jobId: number;
  /** What the job is for, in the page's words ("Forecast per 1 november"). */
  label: string;
}

export function JobProgress({ jobId, label }: Props) {
  const { t } = useTranslation();
  const job = useJob(jobId);
  if (job.error) return <ErrorAlert error={job.error} />;
  const data = job.data;
  if (!data) return <Text size="sm">{t("jobs.waiting", { label })}</Text>;
  if (data.state === "failed") {
    return (
      <Alert color="red" title={t("jobs.failed", { label })} role="alert">
        {data.error?.message}
        {data.error?.fields?.slice(0, 20).map((f) => (
          <Text key={`${f.field}:${f.code}`} size="sm">
            {f.field}: {f.message}
          </Text>
        ))}
      </Alert>
    );
  }
  if (data.state === "cancelled") return <Alert color="gray">{t("jobs.cancelled", { label })}</Alert>;
  if (data.state === "succeeded") return null;
  return <RunningJob job={data} label={label} />;
}

function RunningJob({ job, label }: { job: Job; label: string }) {
  const { t } = useTranslation();
  const { done, total, note } = job.progress;
  const percent = total && total > 0 ? Math.min(100, Math.round((done / total) * 100)) : null;
  return (
    <Stack gap={4} role="status" aria-live="polite">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">
          {job.state === "queued" ? t("jobs.queued", { label }) : t("jobs.running", { label })}
          {total ? ` — ${formatCount(done)} / ${formatCount(total)}` : ""}
          {note ? ` (${note})` : ""}
        </Text>
        <Button size="xs" variant="subtle" color="gray" disabled={job.cancelRequested} onClick={() => void cancelJob(job.id)}>
          {job.cancelRequested ? t("jobs.stopping") : t("jobs.cancel")}
        </Button>
      </Group>
      <Progress value={percent ?? 100} animated={percent === null || job.state === "queued"} aria-label={label} />
    </Stack>
  );
}
