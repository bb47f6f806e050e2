// The map of the Netherlands on ECharts' geo component: province (or municipality) boundaries from
// CBS/PDOK shipped with the app (no tile server, works offline), points per colour group, outlines
// of areas, a numbered route, or counts per grid cell. Zoom with the wheel or a pinch, pan by
// dragging; a click on a point opens its link. Loaded lazily through NlMap (default export), so
// ECharts and the boundaries (15 kB gzipped; municipalities 53 kB more, only when asked for) never
// reach the login page.
import { Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type ChartOption, registerMap, useEChart } from "../../components/echart.js";
import provinces from "./geo/nl-provinces.json" with { type: "json" };
import { boundsOf, convexHull, type LonLat } from "./hull.js";
import type { Boundaries, NlMapProps } from "./map-types.js";

registerMap("nl-provinces", provinces);

/** The whole country, west-north to east-south, when there is nothing to fit the view to. */
const NETHERLANDS: [[number, number], [number, number]] = [
  [3.3, 53.6],
  [7.3, 50.7],
];
/** Smallest view in degrees (≈ 35 km): one point alone is shown with its surroundings. */
const MIN_SPAN = 0.5;
/** cos(52°): a degree east is that much shorter than a degree north in the middle of the country. */
const ASPECT = 0.62;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const tip = (title: string, lines: readonly (string | undefined)[]) =>
  [`<strong>${escapeHtml(title)}</strong>`, ...lines.filter((l): l is string => Boolean(l)).map(escapeHtml)].join("<br/>");

function useBoundaries(wanted: Boundaries): string {
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    if (wanted !== "municipalities" || loaded) return;
    let live = true;
    void import("./geo/nl-municipalities.json").then((m) => {
      registerMap("nl-municipalities", m.default);
      if (live) setLoaded(true);
    });
    return () => {
      live = false;
    };
  }, [wanted, loaded]);
  return wanted === "municipalities" && loaded ? "nl-municipalities" : "nl-provinces";
}

export default function MapView({ points, groups, areas = [], route, cells = [], boundaries = "provinces", label, height = 520, onOpen }: NlMapProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const mapName = useBoundaries(boundaries);

  const build = (width: number): ChartOption => {
    const narrow = width < 500;
    const all: LonLat[] = [...points.map((p) => [p.lon, p.lat] as const), ...(route?.stops ?? []).map((s) => [s.lon, s.lat] as const), ...cells.map((c) => [c.lon, c.lat] as const)];
    const byId = new Map(points.map((p) => [p.id, p]));
    const series: unknown[] = groups.map((g) => ({
      id: `group:${g.key}`,
      name: g.label,
      type: "scatter",
      coordinateSystem: "geo",
      // Series on the geo component read its tooltip setting after their own: say "show" here, as
      // the regions themselves have no tooltip.
      tooltip: { show: true },
      symbolSize: narrow ? 7 : 9,
      itemStyle: { color: g.colour, borderColor: "#fff", borderWidth: 0.6 },
      emphasis: { scale: 1.6 },
      data: points.filter((p) => p.group === g.key).map((p) => ({ name: p.label, value: [p.lon, p.lat], tip: tip(p.label, [p.detail]), link: p.link })),
    }));
    if (cells.length > 0) {
      series.push({
        id: "cells",
        type: "scatter",
        coordinateSystem: "geo",
        tooltip: { show: true },
        symbolSize: (value: number[]) => Math.min(44, 12 + Math.sqrt(value[2] ?? 0) * 2.5),
        itemStyle: { color: "rgba(28, 126, 214, 0.55)", borderColor: "#1864ab", borderWidth: 1 },
        label: { show: !narrow, formatter: (p: { value: number[] }) => String(p.value[2]), fontSize: 10, color: "#fff" },
        data: cells.map((c) => ({ value: [c.lon, c.lat, c.count], tip: tip(c.label, []) })),
      });
    }
    const outlines = areas
      .map((a) => ({ area: a, hull: convexHull(a.pointIds.flatMap((id) => (byId.has(id) ? [[byId.get(id)?.lon ?? 0, byId.get(id)?.lat ?? 0] as const] : []))) }))
      .filter((o) => o.hull.length > 0);
    if (outlines.length > 0) {
      series.push({
        id: "areas",
        type: "lines",
        coordinateSystem: "geo",
        polyline: true,
        silent: true,
        z: 1,
        data: outlines.map((o) => ({ name: o.area.label, coords: o.hull, lineStyle: { color: o.area.colour } })),
        lineStyle: { width: 2, type: "dashed", opacity: 0.9 },
      });
    }
    if (route && route.stops.length > 0) {
      const colour = route.colour ?? "#e8590c";
      series.push({
        id: "route",
        type: "lines",
        coordinateSystem: "geo",
        polyline: true,
        silent: true,
        z: 3,
        data: [{ coords: route.stops.map((s) => [s.lon, s.lat]) }],
        lineStyle: { color: colour, width: 3, opacity: 0.85 },
      });
      let n = 0;
      series.push({
        id: "stops",
        type: "scatter",
        coordinateSystem: "geo",
        tooltip: { show: true },
        z: 4,
        data: route.stops.map((s) => {
          const number = s.home ? "" : String(++n);
          return {
            name: s.label,
            value: [s.lon, s.lat],
            symbol: s.home ? "rect" : "circle",
            symbolSize: s.home ? 14 : 20,
            itemStyle: { color: s.home ? "#495057" : colour, borderColor: "#fff", borderWidth: 1 },
            label: { show: !s.home, formatter: number, color: "#fff", fontSize: 11, fontWeight: "bold" },
            tip: tip(s.home ? s.label : `${number}. ${s.label}`, [s.time]),
            link: s.link,
          };
        }),
      });
    }
    return {
      aria: { enabled: true, label: { description: label } },
      animation: false,
      tooltip: { trigger: "item", confine: true, formatter: (p: { data?: { tip?: string } }) => p.data?.tip ?? "" },
      legend: groups.length > 0 ? { type: "scroll", top: 0, left: "center", data: groups.map((g) => g.label), itemWidth: 12, itemHeight: 12 } : undefined,
      geo: {
        map: mapName,
        roam: true,
        aspectScale: ASPECT,
        boundingCoords: boundsOf(all, MIN_SPAN) ?? NETHERLANDS,
        // Centre and size (not four margins) keep the aspect: the country is not stretched to the box.
        // The middle of the view is the middle of the box.
        layoutCenter: ["50%", "50%"],
        layoutSize: "86%",
        scaleLimit: { min: 0.5, max: 60 },
        label: { show: false },
        tooltip: { show: false },
        itemStyle: { areaColor: "#f1f3f5", borderColor: "#adb5bd", borderWidth: 0.6 },
        emphasis: { disabled: true },
        select: { disabled: true },
      },
      series,
    };
  };

  const element = useEChart(build, [points, groups, areas, route, cells, mapName, label], (event) => {
    const link = (event.data as { link?: string } | undefined)?.link;
    if (!link) return;
    if (onOpen) onOpen(link);
    else void navigate(link);
  });

  return (
    <div>
      <div ref={element} role="img" aria-label={label} data-testid="nl-map" style={{ height, maxHeight: "70vh", width: "100%" }} />
      <Text size="xs" c="dimmed" ta="right">
        {t("map.attribution")}
      </Text>
    </div>
  );
}
