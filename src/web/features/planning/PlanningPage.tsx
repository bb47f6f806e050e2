// /planning: a rep plans his own cycle; a manager (or inside sales, for the reps it serves) picks a
// rep first. Start → progress → the plan by week and day → accept → the agenda. A day's route opens
// from the plan. Everything the page waits for lives in the URL (?user=&job=&plan=&routeDate=&routeJob=),
// so a reload follows the same job or shows the same plan.
import { Alert, Anchor, Badge, Button, Card, Group, Modal, Select, Stack, Switch, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { numericDate } from "../agenda/agenda-dates.js";
import { useCurrentUser } from "../auth/session.js";
import { JobProgress } from "../jobs/JobProgress.js";
import { startJob, useJob } from "../jobs/jobs.api.js";
import { CycleForm } from "./CycleForm.js";
import { type DayRoute, useCyclePlan, useCyclePlans, usePlanningReps } from "./planning.api.js";
import { PlanView } from "./PlanView.js";
import { RouteView } from "./RouteView.js";

const idParam = (value: string | null) => (value && /^\d+$/.test(value) ? Number(value) : null);

export function PlanningPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const wide = useMediaQuery("(min-width: 48em)", true);
  const [params, setParams] = useSearchParams();
  const reps = usePlanningReps();
  const jobId = idParam(params.get("job"));
  const planId = idParam(params.get("plan"));
  const routeJobId = idParam(params.get("routeJob"));
  const routeDate = params.get("routeDate");
  const againstTraffic = params.get("routeTraffic") === "against";
  const items = reps.data?.items ?? [];
  const userId = idParam(params.get("user")) ?? (items.some((r) => r.id === me.id) ? me.id : (items[0]?.id ?? null));
  const rep = items.find((r) => r.id === userId) ?? null;
  const plans = useCyclePlans(rep?.id ?? null);
  const plan = useCyclePlan(planId);
  const job = useJob<{ planId: number }>(jobId);
  const routeJob = useJob<DayRoute>(routeJobId);

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: true });
  };

  // A finished planning job hands over to its plan.
  const finishedPlan = job.data?.state === "succeeded" ? job.data.result?.planId : undefined;
  // biome-ignore lint/correctness/useExhaustiveDependencies: set reads the current params; only the job's end matters
  useEffect(() => {
    if (finishedPlan !== undefined) set({ job: null, plan: String(finishedPlan) });
  }, [finishedPlan]);

  const openRoute = async (date: string, traffic = againstTraffic, replanFrom?: string) => {
    if (!rep) return;
    // From a draft plan its visits of the day join the route (they are not in the agenda yet).
    const draft = plan.data && plan.data.state === "draft" && plan.data.forUser.id === rep.id ? plan.data.id : undefined;
    const started = await startJob("/api/planning/routes", { userId: rep.id, date, ...(draft ? { planId: draft } : {}), ...(traffic ? { againstTraffic: true } : {}), ...(replanFrom ? { replanFrom } : {}) });
    set({ routeDate: date, routeJob: String(started.id), routeTraffic: traffic ? "against" : null });
  };
  const closeRoute = () => set({ routeDate: null, routeJob: null });

  if (reps.isPending) return <PageLoader />;
  if (reps.error) return <ErrorAlert error={reps.error} />;

  const canPlan = rep?.hasHome === true && rep.subAreas > 0;
  // A job that failed or was stopped leaves its message above a form to try again.
  const jobEnded = job.data?.state === "failed" || job.data?.state === "cancelled";
  const route = routeJob.data?.state === "succeeded" ? routeJob.data.result : null;

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Title order={1}>{t("nav.planning")}</Title>
        <Text c="dimmed" size="sm">
          {t("planning.intro")}
        </Text>
      </Stack>
      {items.length === 0 && <Alert color="gray">{t("planning.noReps")}</Alert>}
      {items.length > 1 && (
        <Select
          label={t("planning.rep")}
          data={items.map((r) => ({ value: String(r.id), label: r.name }))}
          value={rep ? String(rep.id) : null}
          onChange={(v) => set({ user: v, plan: null, job: null, routeDate: null, routeJob: null })}
          allowDeselect={false}
          searchable
          maw={wide ? 360 : undefined}
        />
      )}
      {rep && !rep.hasHome && <Alert color="yellow">{t("planning.repNoHome", { name: rep.name })}</Alert>}
      {rep && rep.subAreas === 0 && <Alert color="yellow">{t("planning.repNoAreas", { name: rep.name })}</Alert>}

      {jobId !== null && <JobProgress jobId={jobId} label={t("planning.new.job", { name: rep?.name ?? "" })} />}

      {planId !== null && plan.error && <ErrorAlert error={plan.error} />}
      {planId !== null && plan.data && <PlanView plan={plan.data} onRoute={(date) => void openRoute(date)} />}

      {canPlan && (jobId === null || jobEnded) && (
        <Card withBorder padding="md">
          <CycleForm key={rep.id} rep={rep} onStarted={(started) => set({ job: String(started.id), plan: null })} />
        </Card>
      )}

      {(plans.data?.items.length ?? 0) > 0 && (
        <Stack gap={4} component="section" aria-labelledby="recent-plans">
          <Title order={2} size="h4" id="recent-plans">
            {t("planning.recent")}
          </Title>
          {plans.data?.items.map((p) => (
            <Group key={p.id} gap="xs" wrap="wrap">
              <Anchor component="button" type="button" size="sm" onClick={() => set({ plan: String(p.id), job: null })} fw={p.id === planId ? 700 : undefined}>
                {t("planning.recentItem", { from: numericDate(p.startDate), to: numericDate(p.endDate) })}
              </Anchor>
              <Badge size="xs" variant="light" color={p.state === "accepted" ? "green" : p.state === "draft" ? "blue" : "gray"}>
                {t(`planning.state.${p.state}`)}
              </Badge>
            </Group>
          ))}
        </Stack>
      )}

      <Modal opened={routeDate !== null} onClose={closeRoute} title={routeDate ? t("planning.routeView.job", { date: numericDate(routeDate) }) : ""} size="lg" fullScreen={!wide} transitionProps={wide ? undefined : { duration: 0 }}>
        <Stack gap="sm">
          <Switch
            label={t("planning.routeView.againstTraffic")}
            description={t("planning.routeView.againstTrafficHint")}
            checked={againstTraffic}
            onChange={(e) => routeDate && void openRoute(routeDate, e.currentTarget.checked)}
          />
          {routeJobId !== null && <JobProgress jobId={routeJobId} label={t("planning.routeView.job", { date: routeDate ? numericDate(routeDate) : "" })} />}
          {route && <RouteView route={route} onReplan={(from) => routeDate && void openRoute(routeDate, againstTraffic, from)} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={closeRoute}>
              {t("planning.routeView.close")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
