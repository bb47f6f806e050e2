// The frame of every page after login, as one lazily loaded chunk: the session check and the shell.
import { RequireSession } from "./RequireSession.js";
import { Shell } from "./Shell.js";

export function SessionShell() {
  return (
    <RequireSession>
      <Shell />
    </RequireSession>
  );
}
