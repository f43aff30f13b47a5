"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { fieldMessage } from "../../../_components/field-message";
import { Button } from "../../../_components/ui";
import { commentAction } from "../actions";
import type { SerializedComment } from "./page";

interface Target {
  brandId: string;
  contentItemId: string;
  revisionId: string;
}

/** A revision's comment thread: comment, or reply to a comment. */
export function Comments({
  thread,
  readOnly,
  ...target
}: Target & { thread: SerializedComment[]; readOnly?: boolean }) {
  return (
    <div className="space-y-3">
      {thread.length === 0 && <p className="text-sm text-slate-700">No comments yet.</p>}
      <ul className="space-y-3" aria-label="Comments">
        {thread.map((c) => (
          <CommentItem key={c.id} comment={c} target={target} readOnly={readOnly} />
        ))}
      </ul>
      {!readOnly && <CommentForm target={target} label="Add a comment" />}
    </div>
  );
}

function CommentItem({
  comment,
  target,
  readOnly,
}: {
  comment: SerializedComment;
  target: Target;
  readOnly?: boolean;
}) {
  const [replying, setReplying] = useState(false);
  return (
    <li className="rounded-md border border-slate-200 p-2 text-sm">
      <div className="text-xs text-slate-700">
        {comment.author} · {comment.createdAt.slice(0, 16).replace("T", " ")} UTC
      </div>
      <p className="whitespace-pre-wrap text-slate-900">{comment.body}</p>
      {!readOnly && (
        <button
          type="button"
          className="mt-1 text-xs text-brand-700 underline"
          onClick={() => setReplying((r) => !r)}
        >
          Reply
        </button>
      )}
      {replying && <CommentForm target={target} parentId={comment.id} label={`Reply to ${comment.author}`} />}
      {comment.replies.length > 0 && (
        <ul className="mt-2 space-y-2 border-l-2 border-slate-200 pl-3">
          {comment.replies.map((r) => (
            <CommentItem key={r.id} comment={r} target={target} readOnly={readOnly} />
          ))}
        </ul>
      )}
    </li>
  );
}

function CommentForm({ target, parentId, label }: { target: Target; parentId?: string; label: string }) {
  const router = useRouter();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const id = `comment-${parentId ?? "new"}`;
  return (
    <form
      className="mt-2"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await commentAction({ ...target, parentId, body });
          if (!result.ok) return setError(fieldMessage(result.error));
          setError(null);
          setBody("");
          router.refresh();
        });
      }}
    >
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={2}
        aria-invalid={!!error}
        className="mt-1 block w-full rounded-md border border-slate-400 px-3 py-2 text-sm"
      />
      <Button type="submit" variant="secondary" className="mt-2" disabled={pending}>
        {parentId ? "Reply" : "Comment"}
      </Button>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-900">
          {error}
        </p>
      )}
    </form>
  );
}
