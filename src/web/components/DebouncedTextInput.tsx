// A text input that reports its value after the user pauses typing (type-ahead search, filters),
// and follows its `value` when that changes from outside (e.g. "clear filters").
import { TextInput, type TextInputProps } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useRef, useState } from "react";
import { useNavigation } from "react-router";

interface Props extends Omit<TextInputProps, "value" | "onChange"> {
  value: string;
  onCommit: (value: string) => void;
  /** Milliseconds of quiet before the value is reported. */
  delay?: number;
}

export function DebouncedTextInput({ value, onCommit, delay = 200, ...props }: Props) {
  const [text, setText] = useState(value);
  const [debounced] = useDebouncedValue(text, delay);
  const committed = useRef(value);
  const commit = useRef(onCommit);
  commit.current = onCommit;
  // While another page loads (a result was clicked, its code is on its way) this page is still
  // mounted; a late commit would write the search into the URL and send the user back here.
  const leaving = useRef(false);
  leaving.current = useNavigation().state !== "idle";

  useEffect(() => {
    // Compared trimmed: the URL drops a trailing space that the user is still typing after.
    if (value.trim() !== committed.current.trim()) {
      committed.current = value;
      setText(value);
    }
  }, [value]);

  useEffect(() => {
    if (debounced !== committed.current && !leaving.current) {
      committed.current = debounced;
      commit.current(debounced);
    }
  }, [debounced]);

  return <TextInput {...props} value={text} onChange={(event) => setText(event.currentTarget.value)} />;
}
