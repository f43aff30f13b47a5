"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { DEFAULT_IMAGE_ROLE, IMAGE_ROLES, type ImageRole } from "@/lib/brand/checks/types";
import { CHANNELS } from "@/lib/brand/kit";
import { Button, Card, Input, Label } from "../../_components/ui";

type ApiError = {
  error: { code: string; message: string; details?: { path?: string; message?: string }[] | unknown };
};

const ROLE_LABELS: Record<ImageRole, string> = { logo: "Logo", product: "Product image", photo: "Photo" };

/** Uploads go to the route handler (multipart, size-limited); errors show next to the form. */
export function UploadPanel({ brandId }: { brandId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<"image" | "copy" | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>, kind: "image" | "copy") {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    form.set("brandId", brandId);
    setPending(kind);
    setError(null);
    const res = await fetch("/api/assets", { method: "POST", body: form });
    setPending(null);
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as ApiError | null;
      setError(body?.error.message ?? `Upload failed (${res.status})`);
      return;
    }
    const { asset } = (await res.json()) as { asset: { id: string } };
    formEl.reset();
    router.push(`/assets/${asset.id}`);
  }

  return (
    <div className="grid gap-6 md:grid-cols-2">
      <Card>
        <h2 className="mb-3 text-base font-semibold">Upload an image</h2>
        <form onSubmit={(e) => void submit(e, "image")} className="space-y-3">
          <div className="space-y-1.5">
            <Label htmlFor="image-name">Name</Label>
            <Input id="image-name" name="name" placeholder="Summer hero" />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="image-role">Role</Label>
            <select
              id="image-role"
              name="role"
              defaultValue={DEFAULT_IMAGE_ROLE}
              aria-describedby="image-role-hint"
              className="block rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm"
            >
              {IMAGE_ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABELS[r]}
                </option>
              ))}
            </select>
            <p id="image-role-hint" className="text-xs text-slate-600">
              Decides the checks: a logo must be on-palette and, if the kit says so, transparent.
            </p>
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="image-file">Image file</Label>
            <Input
              id="image-file"
              name="file"
              type="file"
              accept="image/png,image/jpeg,image/webp,image/gif,image/avif"
              required
            />
          </div>
          <Button type="submit" disabled={pending !== null}>
            {pending === "image" ? "Uploading…" : "Upload image"}
          </Button>
        </form>
      </Card>
      <Card>
        <h2 className="mb-3 text-base font-semibold">Add a copy snippet</h2>
        <form onSubmit={(e) => void submit(e, "copy")} className="space-y-3">
          <div className="space-y-1.5">
            <Label htmlFor="copy-name">Name</Label>
            <Input id="copy-name" name="name" placeholder="Newsletter intro" />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="copy-channel">Channel</Label>
            <select
              id="copy-channel"
              name="channel"
              defaultValue="social"
              className="block rounded-md border border-slate-400 bg-white px-2.5 py-1.5 text-sm"
            >
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="copy-text">Copy</Label>
            <textarea
              id="copy-text"
              name="text"
              required
              rows={4}
              className="block w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-sm text-slate-900"
            />
          </div>
          <Button type="submit" disabled={pending !== null}>
            {pending === "copy" ? "Checking…" : "Add and check"}
          </Button>
        </form>
      </Card>
      <div aria-live="assertive" className="md:col-span-2">
        {error && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
