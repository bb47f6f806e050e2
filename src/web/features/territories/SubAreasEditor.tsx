// Editing saved sub-areas: each one's day of the cycle (week and weekday) and its workload in visits a
// year, and moving relations between them — a whole four-digit postcode area typed here, or one
// relation (or its postcode area) clicked on the map. The server answers with the territory, so the
// workloads shown are always the saved ones.
import { Button, Group, Paper, Select, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { type Territory, useMoveToSubArea, useSetSubAreaDay } from "./territories.api.js";

type SubArea = Territory["subAreas"][number];

export function subAreaLabel(t: (key: string, options?: Record<string, unknown>) => string, a: Pick<SubArea, "week" | "weekday">): string {
  return t("territory.subAreaLabel", { week: a.week, day: t(`territory.weekdays.${a.weekday}`) });
}

/** Sub-areas with their day (editable) and workload; the mean workload says how balanced they are. */
export function SubAreaTable({ territory }: { territory: Territory }) {
  const { t } = useTranslation();
  const setDay = useSetSubAreaDay(territory.rayon.id);
  const areas = territory.subAreas;
  if (areas.length === 0) return null;
  const mean = areas.reduce((s, a) => s + a.workload, 0) / areas.length;
  const weeks = Array.from({ length: areas[0]?.cycleWeeks ?? 2 }, (_, i) => String(i + 1));
  return (
    <Stack gap="xs">
      {setDay.isError && <ErrorAlert error={setDay.error} fields={isApiError(setDay.error) ? setDay.error.fields : []} />}
      {/* One row per sub-area that wraps on a phone (a table of two selects and two numbers does not fit 390 px). */}
      <Stack gap={4} data-testid="sub-areas">
        {areas.map((a) => (
          <Paper key={a.id} withBorder p="xs" data-testid={`sub-area-${a.id}`}>
            <Group gap="xs" wrap="wrap" align="center">
              <Select
                aria-label={t("territory.weekOf", { area: subAreaLabel(t, a) })}
                data={weeks.map((w) => ({ value: w, label: t("territory.weekN", { week: w }) }))}
                value={String(a.week)}
                onChange={(v) => v && setDay.mutate({ id: a.id, week: Number(v), weekday: a.weekday })}
                allowDeselect={false}
                w={100}
                size="xs"
              />
              <Select
                aria-label={t("territory.dayOf", { area: subAreaLabel(t, a) })}
                data={["1", "2", "3", "4", "5"].map((d) => ({ value: d, label: t(`territory.weekdays.${d}`) }))}
                value={String(a.weekday)}
                onChange={(v) => v && setDay.mutate({ id: a.id, week: a.week, weekday: Number(v) })}
                allowDeselect={false}
                w={120}
                size="xs"
              />
              <Text size="sm">
                {t("territory.areaRelations", { count: a.relationIds.length })} · <span data-testid="sub-area-workload">{a.workload}</span> {t("territory.areaVisits")}
              </Text>
            </Group>
          </Paper>
        ))}
      </Stack>
      <Text size="xs" c="dimmed">
        {t("territory.workloadMean", { mean: Math.round(mean * 10) / 10, pct: mean > 0 ? Math.round((Math.max(...areas.map((a) => a.workload)) / mean) * 100) : 100 })}
      </Text>
    </Stack>
  );
}

/** Moves every relation of a typed postcode area into the chosen sub-area. */
export function MovePostcodeArea({ territory }: { territory: Territory }) {
  const { t } = useTranslation();
  const [pc4, setPc4] = useState("");
  const [target, setTarget] = useState<string | null>(null);
  const move = useMoveToSubArea(territory.rayon.id);
  if (territory.subAreas.length === 0) return null;
  return (
    <Stack gap="xs">
      <Group align="end" wrap="wrap">
        <TextInput label={t("territory.movePc4")} placeholder="3511" value={pc4} onChange={(e) => setPc4(e.currentTarget.value)} w={120} inputMode="numeric" maxLength={4} />
        <SubAreaSelect territory={territory} value={target} onChange={setTarget} />
        <Button
          variant="light"
          disabled={target === null || pc4.trim() === ""}
          loading={move.isPending}
          onClick={() => move.mutate({ toSubAreaId: Number(target), pc4s: [pc4.trim()] }, { onSuccess: () => notifications.show({ message: t("territory.moved"), color: "green" }) })}
        >
          {t("territory.move")}
        </Button>
      </Group>
      {move.isError && <ErrorAlert error={move.error} fields={isApiError(move.error) ? move.error.fields : []} fieldLabel={() => t("territory.movePc4")} />}
    </Stack>
  );
}

export function SubAreaSelect({ territory, value, onChange }: { territory: Territory; value: string | null; onChange: (v: string | null) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      label={t("territory.moveTo")}
      data={territory.subAreas.map((a) => ({ value: String(a.id), label: `${subAreaLabel(t, a)} (${a.workload})` }))}
      value={value}
      onChange={onChange}
      w={220}
      maw="100%"
    />
  );
}

/** The relation clicked on the map: move it, or its whole postcode area, to another sub-area. */
export function MoveRelation({ territory, relation, onDone }: { territory: Territory; relation: { id: number; name: string; postcode: string | null; subAreaId: number | null }; onDone: () => void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<string | null>(null);
  const move = useMoveToSubArea(territory.rayon.id);
  const pc4 = relation.postcode?.slice(0, 4) ?? null;
  const current = territory.subAreas.find((a) => a.id === relation.subAreaId);
  const done = () => {
    notifications.show({ message: t("territory.moved"), color: "green" });
    onDone();
  };
  return (
    <Stack gap="xs" data-testid="move-relation">
      <Text size="sm" fw={500}>
        {relation.name}
        {relation.postcode ? ` · ${relation.postcode}` : ""}
      </Text>
      <Text size="xs" c="dimmed">
        {current ? t("territory.inSubArea", { area: subAreaLabel(t, current) }) : t("territory.inNoSubArea")}
      </Text>
      <SubAreaSelect territory={territory} value={target} onChange={setTarget} />
      <Group wrap="wrap">
        <Button size="xs" disabled={target === null} loading={move.isPending} onClick={() => move.mutate({ toSubAreaId: Number(target), relationIds: [relation.id] }, { onSuccess: done })}>
          {t("territory.moveRelation")}
        </Button>
        {pc4 && (
          <Button size="xs" variant="light" disabled={target === null} loading={move.isPending} onClick={() => move.mutate({ toSubAreaId: Number(target), pc4s: [pc4] }, { onSuccess: done })}>
            {t("territory.moveArea", { pc4 })}
          </Button>
        )}
      </Group>
      {move.isError && <ErrorAlert error={move.error} fields={isApiError(move.error) ? move.error.fields : []} />}
    </Stack>
  );
}
