// "Kaart": every relation with a location on the map of the Netherlands, coloured by class, status
// or (for one rayon) sub-area, filtered by rayon and class; the relations without a location listed
// below. The choices live in the URL, so a link shows the same map.
import { Anchor, Card, Group, List, MultiSelect, SegmentedControl, Select, Stack, Switch, Text, Title } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { can } from "../../../domain/roles.js";
import { useRayons } from "../../api/reference.js";
import { useCurrentUser } from "../auth/session.js";
import { MoveRelation, SubAreaTable } from "../territories/SubAreasEditor.js";
import { useTerritory } from "../territories/territories.api.js";
import { ErrorAlert } from "../../components/ErrorAlert.js";
import { PageLoader } from "../../components/PageLoader.js";
import { formatCount, formatMetres } from "../../i18n/format.js";
import { useMapRelations } from "./map.api.js";
import { areaColour, CLASS_COLOURS, type MapArea, type MapCell, type MapGroup, type MapPoint, NlMap, STATUS_COLOURS } from "./NlMap.js";

const CLASSES = ["key", "A", "B", "C", "none"] as const;
const STATUSES = ["suspect", "prospect", "customer", "former_customer"] as const;
type ColourBy = "class" | "status" | "subArea";

export function MapPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const rayons = useRayons();
  const rayon = params.get("rayon");
  const classes = params.getAll("class").filter((c) => (CLASSES as readonly string[]).includes(c));
  const wanted = params.get("colour");
  const colourBy: ColourBy = wanted === "status" ? "status" : wanted === "subArea" && rayon ? "subArea" : "class";
  const municipalities = params.get("borders") === "municipalities";
  const data = useMapRelations({ rayon, classes });
  const user = useCurrentUser();
  // Managers edit sub-areas here: a click on a relation picks it instead of opening it.
  const editing = colourBy === "subArea" && rayon !== null && can(user.role, "territories.manage");
  const territory = useTerritory(editing ? Number(rayon) : null);
  const [pickedId, setPickedId] = useState<number | null>(null);
  const picked = editing && pickedId !== null ? (data.data?.points.find((p) => p.id === pickedId) ?? null) : null;

  const update = (changes: Record<string, string | string[] | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      next.delete(key);
      for (const v of Array.isArray(value) ? value : value === null ? [] : [value]) next.append(key, v);
    }
    setParams(next, { replace: true });
  };

  const map = useMemo(() => {
    const body = data.data;
    if (!body) return null;
    const subAreas = body.subAreas.map((a, i) => ({ ...a, key: `area:${a.id}`, colour: areaColour(i), label: t("map.subArea", { week: a.week, day: t(`map.weekdays.${a.weekday}`) }) }));
    const groups: MapGroup[] =
      colourBy === "class"
        ? CLASSES.map((c) => ({ key: c, label: t(`accountClass.${c}`), colour: CLASS_COLOURS[c] as string }))
        : colourBy === "status"
          ? STATUSES.map((s) => ({ key: s, label: t(`status.${s}`), colour: STATUS_COLOURS[s] as string }))
          : [...subAreas.map((a) => ({ key: a.key, label: a.label, colour: a.colour })), { key: "area:none", label: t("map.noSubArea"), colour: "#adb5bd" }];
    const points: MapPoint[] = body.points.map((p) => ({
      id: p.id,
      lat: p.lat,
      lon: p.lon,
      label: p.name,
      group: colourBy === "class" ? (p.accountClass ?? "none") : colourBy === "status" ? p.status : p.subAreaId !== null ? `area:${p.subAreaId}` : "area:none",
      detail: [p.city, p.precisionM !== null ? t("map.precision", { precision: formatMetres(p.precisionM), source: t(`map.source.${p.source ?? "manual"}`) }) : null].filter(Boolean).join(" · "),
      link: `/relations/${p.id}`,
    }));
    const areas: MapArea[] = colourBy === "subArea" ? subAreas.map((a) => ({ id: a.key, label: a.label, colour: a.colour, pointIds: body.points.filter((p) => p.subAreaId === a.id).map((p) => p.id) })) : [];
    // A cell's tooltip breaks its count down by what the points would be coloured by.
    const breakdown = (c: (typeof body.cells)[number]) =>
      colourBy === "status"
        ? STATUSES.filter((k) => c.byStatus[k]).map((k) => `${t(`status.${k}`)} ${formatCount(c.byStatus[k] ?? 0)}`)
        : CLASSES.filter((k) => c.byClass[k]).map((k) => `${t(`accountClass.${k}`)} ${formatCount(c.byClass[k] ?? 0)}`);
    const cells: MapCell[] = body.cells.map((c) => ({ lat: c.lat, lon: c.lon, count: c.count, label: `${t("map.cellLabel", { n: formatCount(c.count) })}: ${breakdown(c).join(", ")}` }));
    return { groups: body.mode === "cells" ? [] : groups, points, areas, cells };
  }, [data.data, colourBy, t]);

  const body = data.data;
  return (
    <Stack>
      <Title order={1}>{t("map.title")}</Title>
      <Group align="end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="map-colour-label">
            {t("map.colourBy")}
          </Text>
          <SegmentedControl
            aria-labelledby="map-colour-label"
            value={colourBy}
            onChange={(v) => update({ colour: v === "class" ? null : v })}
            data={[
              { value: "class", label: t("map.byClass") },
              { value: "status", label: t("map.byStatus") },
              { value: "subArea", label: t("map.bySubArea"), disabled: rayon === null },
            ]}
          />
        </Stack>
        <Select
          label={t("map.rayon")}
          placeholder={t("map.allRayons")}
          data={(rayons.data ?? []).map((r) => ({ value: String(r.id), label: r.name }))}
          value={rayon}
          onChange={(v) => update({ rayon: v, ...(v === null && colourBy === "subArea" ? { colour: null } : {}) })}
          clearable
          w={220}
        />
        <MultiSelect
          label={t("map.class")}
          placeholder={classes.length === 0 ? t("map.allClasses") : undefined}
          data={CLASSES.map((c) => ({ value: c, label: t(`accountClass.${c}`) }))}
          value={classes}
          onChange={(v) => update({ class: v })}
          clearable
          w={260}
          maw="100%"
        />
        <Switch label={t("map.municipalities")} checked={municipalities} onChange={(e) => update({ borders: e.currentTarget.checked ? "municipalities" : null })} mb={8} />
      </Group>
      {rayon === null && <Text size="xs" c="dimmed">{t("map.subAreaNeedsRayon")}</Text>}
      {data.isPending ? (
        <PageLoader />
      ) : data.isError ? (
        <ErrorAlert error={data.error} reveal={false} />
      ) : body && map ? (
        <>
          <Text size="sm" data-testid="map-summary">
            {body.mode === "points" ? t("map.summary", { count: body.located, n: formatCount(body.located) }) : t("map.capped", { n: formatCount(body.located) })}
          </Text>
          <Card withBorder p="xs">
            <NlMap
              points={map.points}
              groups={map.groups}
              areas={map.areas}
              cells={map.cells}
              boundaries={municipalities ? "municipalities" : "provinces"}
              label={t("map.label", { n: formatCount(body.located) })}
              onOpen={editing ? (link) => setPickedId(Number(link.split("/").pop())) : undefined}
            />
          </Card>
          {editing && territory.data && (
            <Card withBorder component="section" aria-labelledby="map-sub-areas-title">
              <Stack gap="xs">
                <Title order={2} size="h4" id="map-sub-areas-title">
                  {t("territory.subAreas")}
                </Title>
                <Text size="xs" c="dimmed">
                  {t("territory.editHint")}
                </Text>
                {picked && (
                  <MoveRelation
                    key={picked.id}
                    territory={territory.data}
                    relation={{ id: picked.id, name: picked.name, postcode: picked.postcode, subAreaId: picked.subAreaId }}
                    onDone={() => setPickedId(null)}
                  />
                )}
                <SubAreaTable territory={territory.data} />
              </Stack>
            </Card>
          )}
          <Text size="xs" c="dimmed">
            {t(body.mode === "cells" ? "map.hintCells" : "map.hint")}
          </Text>
          <Card withBorder component="section" aria-labelledby="map-unplaced-title">
            <Title order={2} size="h4" id="map-unplaced-title">
              {t("map.withoutCoordinates", { n: formatCount(body.withoutCoordinates.count) })}
            </Title>
            {body.withoutCoordinates.count === 0 ? (
              <Text size="sm" c="dimmed">
                {t("map.allPlaced")}
              </Text>
            ) : (
              <>
                <Text size="sm" c="dimmed" mb="xs">
                  {t("map.withoutCoordinatesHint")}
                </Text>
                <List size="sm" spacing={2}>
                  {body.withoutCoordinates.items.map((r) => (
                    <List.Item key={r.id}>
                      <Anchor component={Link} to={`/relations/${r.id}`} size="sm">
                        {r.name}
                      </Anchor>
                      {[r.postcode, r.city].filter(Boolean).length > 0 ? ` — ${[r.postcode, r.city].filter(Boolean).join(" ")}` : ""}
                    </List.Item>
                  ))}
                </List>
                {body.withoutCoordinates.items.length < body.withoutCoordinates.count && (
                  <Text size="xs" c="dimmed" mt="xs">
                    {t("map.listCapped", { shown: formatCount(body.withoutCoordinates.items.length), count: formatCount(body.withoutCoordinates.count) })}
                  </Text>
                )}
              </>
            )}
          </Card>
        </>
      ) : null}
    </Stack>
  );
}
