import { z } from "zod";
import type { Principal } from "@/lib/auth/principal";
import { parseOrThrow } from "@/lib/errors";
import { editSlots } from "./edit-slots";

export const editSlotInput = z.object({
  brandId: z.string().uuid(),
  contentItemId: z.string().uuid(),
  slot: z.string().min(1).max(40),
  value: z.union([z.string().max(10_000), z.array(z.string().max(2000)).max(20)]),
});

/** A hand edit of one slot: editSlots with one slot (a new revision, checked and rendered again). */
export async function editSlot(principal: Principal | null, raw: z.input<typeof editSlotInput>) {
  const input = parseOrThrow(editSlotInput, raw);
  return editSlots(principal, {
    brandId: input.brandId,
    contentItemId: input.contentItemId,
    slots: { [input.slot]: input.value },
  });
}
