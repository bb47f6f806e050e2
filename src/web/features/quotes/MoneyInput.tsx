import { NumberInput } from "@mantine/core";

/** An amount in euros, typed the Dutch way (1.234,50); the form converts it to cents. */
export function MoneyInput(props: React.ComponentProps<typeof NumberInput>) {
  return <NumberInput prefix="€ " decimalSeparator="," thousandSeparator="." decimalScale={2} allowNegative={false} min={0} hideControls {...props} />;
}
