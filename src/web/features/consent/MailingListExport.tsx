// Export the persons who may be mailed for one purpose (CSV or XLSX). The server leaves out anyone
// without a valid consent, inactive persons and dead relations; shown to roles with persons.export.
import { Button, Card, Group, Select, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CONSENT_PURPOSES, type ConsentPurpose } from "../../../domain/consent.js";
import { can } from "../../../domain/roles.js";
import { queryString } from "../../api/client.js";
import { useCurrentUser } from "../auth/session.js";

export function MailingListExport() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [purpose, setPurpose] = useState<ConsentPurpose>("newsletter");
  if (!can(user.role, "persons.export")) return null;
  const href = (format: "csv" | "xlsx") => `/api/mailing-list${queryString({ purpose, format })}`;
  return (
    <Card withBorder component="section" aria-labelledby="mailing-list-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="mailing-list-title">
          {t("consent.mailingList.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("consent.mailingList.intro")}
        </Text>
        <Group align="end">
          <Select
            label={t("consent.fields.purpose")}
            data={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`consent.purpose.${p}`) }))}
            value={purpose}
            onChange={(v) => v && setPurpose(v as ConsentPurpose)}
            allowDeselect={false}
          />
          <Button component="a" href={href("csv")} download variant="light">
            {t("consent.mailingList.csv")}
          </Button>
          <Button component="a" href={href("xlsx")} download variant="light">
            {t("consent.mailingList.xlsx")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
