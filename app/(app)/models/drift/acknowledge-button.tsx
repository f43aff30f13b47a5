"use client";

import { ActionButton } from "../../../_components/action-button";
import { acknowledgeDriftAlertAction } from "./actions";

export function AcknowledgeButton({
  brandId,
  alertId,
  signal,
}: {
  brandId: string;
  alertId: string;
  signal: string;
}) {
  return (
    <ActionButton
      label="Acknowledge"
      srLabel={`the ${signal} alert`}
      run={() => acknowledgeDriftAlertAction({ brandId, alertId })}
    />
  );
}
