import { ErrorText } from "../ui/ErrorText";
import { useState } from "react";
import { useHost } from "../host/HostContext";
import { Button } from "../ui/Button";
import { KeyCopy } from "./KeyCopy";
import { TeamDialog } from "./TeamDialog";
import { keyProtectionNotice } from "./keyProtectionNotice";
import { useMyKey } from "./useMyKey";

/** Settings: where my secret key is kept (said plainly when the OS does not protect it), and the team. */
export function KeySettings() {
  const host = useHost();
  const { key, level, error, reload } = useMyKey();
  const notice = key && level ? keyProtectionNotice(key, host.kind, level) : null;
  const [teamOpen, setTeamOpen] = useState(false);
  return (
    <section className="mt-5 text-sm" aria-labelledby="key-settings-heading">
      <h3 id="key-settings-heading" className="font-semibold">
        Your key for team bundles
      </h3>
      {error && <ErrorText className="mt-1">{error}</ErrorText>}
      {key && notice && (
        <>
          <p className="mt-1">
            Fingerprint <span className="font-mono tracking-wider">{key.fingerprint}</span>
          </p>
          <p
            className={`mt-1 ${notice.protected ? "" : "font-medium text-amber-800 dark:text-amber-300"}`}
            data-testid="settings-key-protection"
          >
            {notice.text}
          </p>
          <KeyCopy myKey={key} onKeyChanged={reload} />
        </>
      )}
      <Button className="mt-2" onClick={() => setTeamOpen(true)}>
        Team…
      </Button>
      <TeamDialog open={teamOpen} onClose={() => setTeamOpen(false)} />
    </section>
  );
}
