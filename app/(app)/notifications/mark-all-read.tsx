"use client";

import { ActionButton } from "../../_components/action-button";
import { markReadAction } from "./actions";

export function MarkAllRead() {
  return <ActionButton label="Mark all read" run={() => markReadAction({})} />;
}
