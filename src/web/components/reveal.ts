import { useEffect, useRef } from "react";

/**
 * Brings a message that appears after an action (a failed save) into view and gives it focus, so
 * that a user scrolled down to the save button, or using a screen reader or keyboard, notices it.
 * Runs again whenever `trigger` changes (each failed attempt brings a new error object); null: never.
 */
export function useReveal<T extends HTMLElement>(trigger: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || trigger === null) return;
    element.scrollIntoView?.({ block: "center", behavior: "smooth" });
    element.focus({ preventScroll: true });
  }, [trigger]);
  return ref;
}
