// The part of the printed sheet the rep writes on: method, the external objective to say at the
// start, the internal objectives as keywords with a box and a line, the prepared keywords, the things
// to bring, notes. Keywords, not sentences (issue 9); only shown on paper.
import { Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Sheet } from "./preparation.api.js";
import classes from "./preparation.module.css";

export function PrintedObjectives({ sheet }: { sheet: Sheet }) {
  const { t } = useTranslation();
  const method = sheet.method ?? sheet.prefill.suggestedMethod.method;
  const external = sheet.objectives.filter((o) => o.kind === "external");
  const internal = sheet.objectives.filter((o) => o.kind === "internal");
  return (
    <div className={classes.printOnly} data-testid="printed-objectives">
      <Title order={2} size="h5" mt="xs">
        {t("preparation.method.title")}: {t(`activities.salesMethod.${method}`)}
      </Title>
      {external.map((o) => (
        <Text key={`e-${o.id ?? o.text}`} size="sm">
          <b>{t("preparation.objectives.external")}:</b> {o.text}
        </Text>
      ))}
      <Title order={2} size="h5" mt="xs">
        {t("preparation.objectives.internalTitle")}
      </Title>
      <div className={classes.keywordGrid}>
        {internal.map((o) => (
          <div key={`i-${o.id ?? o.keyword}`}>
            <Text size="sm">
              <span className={classes.box} />
              <b>{o.keyword}</b> <span style={{ color: "#555" }}>{o.text}</span>
            </Text>
            <div className={classes.writeLine}>{o.answer ?? ""}</div>
          </div>
        ))}
      </div>
      <Title order={2} size="h5" mt="xs">
        {t("preparation.keywords.title")}
      </Title>
      <div className={classes.keywordGrid}>
        {sheet.keywords.map((k) => (
          <div key={k.keyword}>
            <Text size="sm">
              <span className={classes.box} />
              {k.keyword}
            </Text>
            <div className={classes.writeLine} />
          </div>
        ))}
      </div>
      <Text size="sm" mt="xs">
        <b>{t("preparation.checklist.title")}:</b> {sheet.checklist.map((c) => `${c.ticked ? "☑" : "☐"} ${c.item}`).join("   ")}
      </Text>
      {sheet.notes && (
        <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap" }}>
          <b>{t("preparation.notes")}:</b> {sheet.notes}
        </Text>
      )}
    </div>
  );
}
