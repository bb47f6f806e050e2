// Settings → Rayons en deelgebieden: draw a rayon from postcode ranges, provinces, municipalities or
// chosen relations, see what lies in it, let Koers propose sub-areas on the days of a 2- or 3-week
// cycle, save them, then change their days and move postcode areas between them. Managers and administrators
// (territories.manage, enforced by the server).
import { Button, Divider, Group, Paper, SegmentedControl, Select, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.js";
import { useRayons } from "../../api/reference.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { ChosenRelationsEditor, RegionsEditor } from "./RegionsEditor.js";
import { MovePostcodeArea, SubAreaTable } from "./SubAreasEditor.js";
import { parseRangesText, type SubAreaProposal, type Territory, useProposeSubAreas, useSaveRanges, useSaveSubAreas, useTerritory } from "./territories.api.js";

export function TerritorySection() {
  const { t } = useTranslation();
  const rayons = useRayons();
  const [rayonId, setRayonId] = useState<number | null>(null);
  const territory = useTerritory(rayonId);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="settings-territory">
      <Stack>
        <Title order={2} size="h3" id="settings-territory">
          {t("territory.title")}
        </Title>
        <Select
          label={t("territory.rayon")}
          placeholder={t("territory.chooseRayon")}
          data={(rayons.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
          value={rayonId === null ? null : String(rayonId)}
          onChange={(v) => setRayonId(v === null ? null : Number(v))}
          allowDeselect={false}
        />
        {rayonId !== null && (territory.isPending ? <PageLoader /> : territory.isError ? <ErrorAlert error={territory.error} /> : <TerritoryEditor key={rayonId} territory={territory.data} />)}
      </Stack>
    </Paper>
  );
}

function TerritoryEditor({ territory }: { territory: Territory }) {
  const { t } = useTranslation();
  const rayonId = territory.rayon.id;
  const [text, setText] = useState(territory.ranges.map((r) => (r.from === r.to ? r.from : `${r.from}-${r.to}`)).join(", "));
  const [textError, setTextError] = useState<string | null>(null);
  const [cycleWeeks, setCycleWeeks] = useState(String(territory.subAreas[0]?.cycleWeeks ?? 2));
  const [proposal, setProposal] = useState<SubAreaProposal | null>(null);
  const saveRanges = useSaveRanges(rayonId);
  const propose = useProposeSubAreas(rayonId);
  const saveAreas = useSaveSubAreas(rayonId);
  const reps = territory.reps.map((r) => r.name).join(", ") || t("territory.noReps");

  const onSaveRanges = () => {
    const parsed = parseRangesText(text);
    if ("bad" in parsed) return setTextError(t("territory.rangesBad", { part: parsed.bad }));
    setTextError(null);
    saveRanges.mutate(parsed, { onSuccess: () => notifications.show({ message: t("common.saved"), color: "green" }) });
  };

  return (
    <Stack>
      <Textarea label={t("territory.ranges")} description={t("territory.rangesHint")} value={text} onChange={(e) => setText(e.currentTarget.value)} error={textError} autosize minRows={2} />
      {saveRanges.isError && <ErrorAlert error={saveRanges.error} fields={isApiError(saveRanges.error) ? saveRanges.error.fields : []} />}
      <Group>
        <Button onClick={onSaveRanges} loading={saveRanges.isPending}>
          {t("territory.saveRanges")}
        </Button>
      </Group>
      <Divider />
      <RegionsEditor territory={territory} />
      <Divider />
      <ChosenRelationsEditor territory={territory} />
      <Divider />
      <Text size="sm" data-testid="territory-summary">
        {t("territory.summary", { count: territory.relationCount, reps })}
      </Text>
      {territory.withoutCoordinates.length > 0 && (
        <Text size="sm" c="orange.8">
          {t("territory.withoutCoordinates", { count: territory.withoutCoordinates.length })}
        </Text>
      )}
      {territory.subAreas.length > 0 && (
        <Text size="sm" c="dimmed">
          {t("territory.current", { count: territory.subAreas.length, weeks: territory.subAreas[0]?.cycleWeeks })}
        </Text>
      )}
      <SubAreaTable territory={territory} />
      <MovePostcodeArea territory={territory} />
      <Group align="end">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t("territory.cycle")}
          </Text>
          <SegmentedControl value={cycleWeeks} onChange={setCycleWeeks} data={["2", "3"].map((w) => ({ value: w, label: t("territory.weeks", { count: Number(w) }) }))} />
        </Stack>
        <Button variant="light" loading={propose.isPending} onClick={() => propose.mutate({ cycleWeeks: Number(cycleWeeks), daysPerWeek: 5 }, { onSuccess: setProposal })}>
          {t("territory.propose")}
        </Button>
      </Group>
      {propose.isError && <ErrorAlert error={propose.error} />}
      {proposal && <ProposalTable proposal={proposal} />}
      {proposal && (
        <Group>
          {saveAreas.isError && <ErrorAlert error={saveAreas.error} />}
          <Button
            loading={saveAreas.isPending}
            onClick={() =>
              saveAreas.mutate(proposal, {
                onSuccess: (data) => {
                  setProposal(null);
                  notifications.show({ message: t("territory.saved", { count: data.subAreas.length }), color: "green" });
                },
              })
            }
          >
            {t("territory.accept")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function ProposalTable({ proposal }: { proposal: SubAreaProposal }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="sm">{t("territory.imbalance", { pct: Math.round(proposal.imbalance * 100) })}</Text>
      <Table striped withTableBorder data-testid="sub-area-proposal">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("territory.week")}</Table.Th>
            <Table.Th>{t("territory.day")}</Table.Th>
            <Table.Th ta="right">{t("territory.relations")}</Table.Th>
            <Table.Th ta="right">{t("territory.workload")}</Table.Th>
            <Table.Th ta="right">{t("territory.radius")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {proposal.areas.map((a) => (
            <Table.Tr key={a.index}>
              <Table.Td>{a.week}</Table.Td>
              <Table.Td>{t(`territory.weekdays.${a.weekday}`)}</Table.Td>
              <Table.Td ta="right">{a.relationIds.length}</Table.Td>
              <Table.Td ta="right">{a.workload}</Table.Td>
              <Table.Td ta="right">{`${a.meanRadiusKm.toLocaleString("nl-NL")} km`}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
