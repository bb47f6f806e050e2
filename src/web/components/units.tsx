// Volumes per unit of measure as the screens show them: "120,5 m² · 8 uur". A known unit code gets
// its label from the shared catalogue (src/labels: unitOfMeasure, the words the exports use too);
// another unit is shown as typed on the product; a line without a product says "zonder eenheid".
import { Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";

const unitsFormat = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 2 });

export interface UnitAmount {
  /** The product's unit code (stuk, m2, uur …); null for lines without a product. */
  unit: string | null;
  units: number;
}

/** The words of a unit of measure. */
export function unitLabel(t: TFunction, unit: string | null): string {
  if (unit === null) return t("unitOfMeasure.none");
  // Only plain codes are looked up: a unit typed as "st." or "m2:" is not a key path.
  return /^[\p{L}\p{N}]+$/u.test(unit) ? t(`unitOfMeasure.${unit}`, { defaultValue: unit }) : unit;
}

/** "120,5 m²". */
export function formatUnitAmount(t: TFunction, u: UnitAmount): string {
  return `${unitsFormat.format(u.units)} ${unitLabel(t, u.unit)}`;
}

/**
 * The volumes of one figure, each unit kept whole (no break inside "120,5 m²") but free to wrap
 * between units, so a narrow column never clips. Nothing at all is an empty string.
 */
export function UnitsText({ units, size = "sm", dimmed = false }: { units: readonly UnitAmount[]; size?: "xs" | "sm"; dimmed?: boolean }) {
  const { t } = useTranslation();
  if (units.length === 0) return null;
  return (
    <Text component="span" size={size} c={dimmed ? "dimmed" : undefined} style={{ display: "block", whiteSpace: "normal" }}>
      {units.map((u, i) => (
        <Fragment key={String(u.unit)}>
          {i > 0 ? " " : ""}
          <span style={{ whiteSpace: "nowrap" }}>
            {i > 0 ? "· " : ""}
            {formatUnitAmount(t, u)}
          </span>
        </Fragment>
      ))}
    </Text>
  );
}
