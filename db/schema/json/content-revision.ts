/**
 * What a content revision stores beside its checks: the slot values the model wrote (a list
 * slot holds a list) and the rendered template parts. Written by the pipeline and the slot
 * editor, which validate the values against the template version first.
 */

/** content_revisions.slots: one value per slot; an optional slot left empty is absent (JSON drops undefined). */
export type StoredSlotValues = Record<string, string | string[] | undefined>;

/** content_revisions.rendered: the parts of the template version's body that exist for its channel. */
export interface RenderedParts {
  html?: string;
  text?: string;
}
