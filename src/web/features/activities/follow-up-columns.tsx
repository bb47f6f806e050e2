// The columns every list of follow-ups shares (Mijn dag's sections and the follow-ups page): the
// relation with the person, the due date, the action, and the buttons (for those who may write).
import { Anchor, Text } from "@mantine/core";
import { Link } from "react-router";
import type { Column } from "../../components/ResponsiveTable.js";
import { formatDate } from "../../i18n/format.js";
import type { FollowUp } from "./types.js";
import { FollowUpActions } from "./FollowUpActions.js";

export const followUpColumns = {
  relation: (label: string): Column<FollowUp> => ({
    key: "relation",
    label,
    render: (f) => (
      <>
        <Anchor component={Link} to={`/relations/${f.relation.id}`} size="sm">
          {f.relation.name}
        </Anchor>
        {f.person && (
          <Text size="xs" c="dimmed">
            {f.person.name}
          </Text>
        )}
      </>
    ),
  }),
  due: (label: string, width: number): Column<FollowUp> => ({ key: "due", label, render: (f) => formatDate(f.dueDate), width }),
  action: (label: string): Column<FollowUp> => ({
    key: "action",
    label,
    render: (f) => <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{f.action}</span>,
    wide: true,
  }),
  /** The buttons in the table; on a card they sit at its foot (cardActions). */
  actions: (label: string): Column<FollowUp> => ({ key: "actions", label, render: (f) => <FollowUpActions followUp={f} />, tableOnly: true }),
};
