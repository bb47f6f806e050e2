// Drawing a rayon from whole provinces and municipalities (CBS 2023), and from relations chosen by
// hand wherever they lie (a key account rep's accounts). The server refuses unknown names and any
// area or relation another rayon holds; the message names the region or relation it is about.
import { Button, CloseButton, Group, MultiSelect, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { RelationPicker } from "../quotes/RelationPicker.js";
import { type RegionKind, type Territory, useRegionCatalogue, useSaveChosenRelations, useSaveRegions } from "./territories.api.js";

export function RegionsEditor({ territory }: { territory: Territory }) {
  const { t } = useTranslation();
  const catalogue = useRegionCatalogue();
  const [provinces, setProvinces] = useState(territory.regions.filter((r) => r.kind === "province").map((r) => r.code));
  const [municipalities, setMunicipalities] = useState(territory.regions.filter((r) => r.kind === "municipality").map((r) => r.code));
  const save = useSaveRegions(territory.rayon.id);
  const municipalityOptions = useMemo(() => (catalogue.data?.municipalities ?? []).map((m) => ({ value: m.code, label: `${m.name} (${m.province})` })), [catalogue.data]);
  const body: { kind: RegionKind; name: string }[] = [...provinces.map((name) => ({ kind: "province" as const, name })), ...municipalities.map((name) => ({ kind: "municipality" as const, name }))];
  const labelOf = (field: string) => {
    const index = Number(field.split(".")[1]);
    const region = body[index];
    if (!region) return t("territory.regions");
    return region.kind === "province" ? region.name : (municipalityOptions.find((o) => o.value === region.name)?.label ?? region.name);
  };
  return (
    <Stack gap="xs">
      <MultiSelect label={t("territory.provinces")} data={catalogue.data?.provinces ?? []} value={provinces} onChange={setProvinces} searchable clearable />
      <MultiSelect
        label={t("territory.municipalities")}
        description={t("territory.municipalitiesHint")}
        data={municipalityOptions}
        value={municipalities}
        onChange={setMunicipalities}
        searchable
        clearable
        limit={60}
      />
      {save.isError && <ErrorAlert error={save.error} fields={isApiError(save.error) ? save.error.fields : []} fieldLabel={labelOf} />}
      <Group>
        <Button variant="default" loading={save.isPending} onClick={() => save.mutate(body, { onSuccess: () => notifications.show({ message: t("common.saved"), color: "green" }) })}>
          {t("territory.saveRegions")}
        </Button>
      </Group>
    </Stack>
  );
}

export function ChosenRelationsEditor({ territory }: { territory: Territory }) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState(territory.chosenRelations.map((r) => ({ id: r.id, name: r.name })));
  const save = useSaveChosenRelations(territory.rayon.id);
  const labelOf = (field: string) => chosen[Number(field.split(".")[1])]?.name ?? t("territory.chosen");
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {t("territory.chosen")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("territory.chosenHint")}
      </Text>
      {chosen.length === 0 ? (
        <Text size="sm">{t("territory.chosenNone")}</Text>
      ) : (
        <Stack gap={2} data-testid="chosen-relations">
          {chosen.map((r) => (
            <Group key={r.id} gap="xs" wrap="nowrap">
              <Text size="sm" style={{ flex: 1, minWidth: 0 }} truncate>
                {r.name}
              </Text>
              <CloseButton size="sm" aria-label={t("territory.chosenRemove", { name: r.name })} onClick={() => setChosen(chosen.filter((c) => c.id !== r.id))} />
            </Group>
          ))}
        </Stack>
      )}
      <RelationPicker value={null} current={null} onChange={(r) => r && !chosen.some((c) => c.id === r.id) && setChosen([...chosen, r])} />
      {save.isError && <ErrorAlert error={save.error} fields={isApiError(save.error) ? save.error.fields : []} fieldLabel={labelOf} />}
      <Group>
        <Button
          variant="default"
          loading={save.isPending}
          onClick={() => save.mutate(chosen.map((c) => c.id), { onSuccess: () => notifications.show({ message: t("common.saved"), color: "green" }) })}
        >
          {t("territory.saveChosen")}
        </Button>
      </Group>
    </Stack>
  );
}
