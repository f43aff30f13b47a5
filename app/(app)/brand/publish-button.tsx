"use client";

import { ActionButton } from "../../_components/action-button";
import { publishKit } from "./actions";

export function PublishButton({
  brandId,
  versionId,
  version,
}: {
  brandId: string;
  versionId: string;
  version: number;
}) {
  return (
    <ActionButton label="Publish" srLabel={`v${version}`} run={() => publishKit({ brandId, versionId })} />
  );
}
