"use client";

import { ActionButton } from "../../_components/action-button";
import { publishKit } from "./actions";

export function PublishButton({
  brandId,
  versionId,
  version,
  label,
  primary,
}: {
  brandId: string;
  versionId: string;
  version: number;
  /** A label that names the version itself (the banner after a save); else "Publish" plus the version for screen readers. */
  label?: string;
  primary?: boolean;
}) {
  return (
    <ActionButton
      label={label ?? "Publish"}
      srLabel={label ? undefined : `v${version}`}
      variant={primary ? "primary" : "secondary"}
      run={() => publishKit({ brandId, versionId })}
    />
  );
}
