"use client";

import { ActionButton } from "../../../_components/action-button";
import { approveVersion } from "../actions";

export function ApproveButton({
  brandId,
  versionId,
  version,
}: {
  brandId: string;
  versionId: string;
  version: number;
}) {
  return (
    <ActionButton
      label="Approve"
      srLabel={`v${version}`}
      run={() => approveVersion({ brandId, versionId })}
    />
  );
}
