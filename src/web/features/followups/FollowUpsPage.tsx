// /follow-ups: the follow-ups (vervolgacties) of me, my team or everyone, soonest due first, by
// timing (overdue, today, coming) and assignee, with done / move / reassign on each. Every choice is
// in the URL under the API's own names: the overdue count per rep on "Mijn dag" links here.
import { Button, Center, MultiSelect, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useCallback, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import type { ListScope } from "../../../domain/list-scope.js";
import { can } from "../../../domain/roles.js";
import { useUsers } from "../../api/reference.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { type Column, ResponsiveTable } from "../../components/ResponsiveTable.js";
import { readScope, ScopeSwitch, useListScope } from "../../components/ScopeSwitch.js";
import { formatCount } from "../../i18n/format.js";
import { FollowUpActions } from "../activities/FollowUpActions.js";
import { FollowUpTimingBadge } from "../activities/FollowUpTiming.js";
import type { FollowUp } from "../activities/types.js";
import { followUpColumns } from "../activities/follow-up-columns.js";
import { useCurrentUser } from "../auth/session.js";
import { useFollowUpsList } from "./followups.api.js";

const TIMINGS = ["overdue", "today", "upcoming"] as const;
const STATUSES = ["open", "done", "any"] as const;

interface Filters {
  scope: ListScope | null;
  assignee: string[];
  timing: string;
  status: string;
}

function readFilters(params: URLSearchParams): Filters {
  const timing = params.get("timing") ?? "";
  const status = params.get("status") ?? "";
  return {
    scope: readScope(params),
    assignee: params.getAll("assignee"),
    timing: (TIMINGS as readonly string[]).includes(timing) ? timing : "",
    status: (STATUSES as readonly string[]).includes(status) ? status : "",
  };
}

function filterParams(f: Filters): URLSearchParams {
  const params = new URLSearchParams();
  if (f.scope !== null) params.set("scope", f.scope);
  for (const a of f.assignee) params.append("assignee", a);
  if (f.timing !== "") params.set("timing", f.timing);
  if (f.status !== "" && f.timing === "") params.set("status", f.status);
  return params;
}

export function FollowUpsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const users = useUsers();
  const [params, setParams] = useSearchParams();
  const scope = useListScope();
  const filters = useMemo(() => ({ ...readFilters(params), scope }), [params, scope]);
  const apiParams = useMemo(() => filterParams(filters), [filters]);
  const update = useCallback(
    (change: Partial<Filters>) => setParams((current) => filterParams({ ...readFilters(current), ...change }), { replace: true }),
    [setParams],
  );
  const list = useFollowUpsList(apiParams);
  const first = list.data?.pages[0];
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const canWrite = can(user.role, "crm.write");

  const columns: Column<FollowUp>[] = [
    followUpColumns.relation(t("followUpsList.columns.relation")),
    followUpColumns.due(t("followUpsList.columns.dueDate"), 110),
    { key: "timing", label: t("followUpsList.columns.timing"), render: (f) => <FollowUpTimingBadge timing={f.timing} />, width: 110 },
    { key: "assignee", label: t("followUpsList.columns.assignee"), render: (f) => f.assignedTo.name },
    followUpColumns.action(t("followUpsList.columns.action")),
    ...(canWrite ? [followUpColumns.actions(t("followUpsList.columns.actions"))] : []),
  ];

  return (
    <Stack>
      <Title order={1}>{t("followUpsList.title")}</Title>
      <ScopeSwitch value={scope} onChange={(s) => update({ scope: s })} />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <Select
          label={t("followUpsList.filter.timing")}
          data={[{ value: "", label: t("followUpsList.filter.anyTiming") }, ...TIMINGS.map((v) => ({ value: v, label: t(`followUpsList.timing.${v}`) }))]}
          value={filters.timing}
          onChange={(v) => update({ timing: v ?? "" })}
          allowDeselect={false}
        />
        <Select
          label={t("followUpsList.filter.status")}
          data={STATUSES.map((v) => ({ value: v, label: t(`followUpsList.status.${v}`) }))}
          value={filters.timing !== "" ? "open" : filters.status || "open"}
          onChange={(v) => update({ status: v ?? "" })}
          disabled={filters.timing !== ""}
          allowDeselect={false}
        />
        <MultiSelect
          label={t("followUpsList.filter.assignee")}
          placeholder={filters.assignee.length === 0 ? t("followUpsList.filter.anyone") : undefined}
          data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
          value={filters.assignee}
          onChange={(assignee) => update({ assignee })}
          searchable
          clearable
        />
      </SimpleGrid>
      {list.isError && <ErrorAlert error={list.error} reveal={false} />}
      {list.isPending ? (
        <PageLoader />
      ) : (
        <>
          {first && (
            <Text size="sm" c="dimmed" aria-live="polite">
              {first.total.exact
                ? t("followUpsList.total", { count: first.total.count, formattedCount: formatCount(first.total.count) })
                : t("followUpsList.totalCapped", { formattedCount: formatCount(first.total.count) })}
            </Text>
          )}
          {rows.length === 0 && !list.isError ? (
            <Text>{t("followUpsList.none")}</Text>
          ) : (
            <ResponsiveTable
              rows={rows}
              columns={columns}
              rowKey={(f) => f.id}
              label={t("followUpsList.title")}
              minWidth={760}
              cardActions={canWrite ? (f) => <FollowUpActions followUp={f} /> : undefined}
            />
          )}
          {list.hasNextPage && (
            <Center>
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t("followUpsList.loadMore")}
              </Button>
            </Center>
          )}
        </>
      )}
    </Stack>
  );
}
