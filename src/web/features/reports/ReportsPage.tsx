// /reports: management reports (reports.team) — contact moments per rep per week and class, visits
// against the visit norm, selling time against travel time, what preparing visits earns per rep — and
// the mailing-list export
// (persons.export).
import { Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { can } from "../../../domain/roles.js";
import { useCurrentUser } from "../auth/session.js";
import { MailingListExport } from "../consent/MailingListExport.js";
import { ContactMomentsSection } from "./ContactMomentsSection.js";
import { PreparationPaybackSection } from "./PreparationPaybackSection.js";
import { SellingTimeSection } from "./SellingTimeSection.js";
import { VisitNormsSection } from "./VisitNormsSection.js";

export function ReportsPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const team = can(user.role, "reports.team");
  const exports = can(user.role, "persons.export");
  return (
    <Stack>
      <Title order={1}>{t("reports.title")}</Title>
      {!team && !exports && <Text>{t("errors.forbidden")}</Text>}
      {team && <ContactMomentsSection />}
      {team && <VisitNormsSection />}
      {team && <SellingTimeSection />}
      {team && <PreparationPaybackSection />}
      <MailingListExport />
    </Stack>
  );
}
