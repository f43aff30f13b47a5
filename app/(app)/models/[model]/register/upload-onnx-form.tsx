"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { Button, Input, Label } from "../../../../_components/ui";
import { uploadOnnxAction } from "../../actions";

interface Props {
  brandId: string;
  model: string;
  maxBytes: number;
  /** What the file must declare, shown before upload: `features: float[N,214]` etc. */
  expected: { input: string; output: string; fingerprint: string };
}

interface Problem {
  path: string;
  message: string;
  expected?: string[];
  found?: string[];
}

const problemsOf = (details: unknown): Problem[] =>
  Array.isArray(details) ? details.filter((d): d is Problem => typeof d?.path === "string") : [];

/** The file as base64, as the action (and the REST API) take it. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Upload an ONNX file as a personalisation version. lib checks its inputs, outputs and schema
 * fingerprint against the feature schema before anything is stored; a mismatch lists what was
 * expected and what the file declares.
 */
export function UploadOnnxForm({ brandId, model, maxBytes, expected }: Props) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<{ message: string; problems: Problem[] } | null>(null);
  const [pending, startTransition] = useTransition();

  function onUpload() {
    const form = new FormData(formRef.current!);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) {
      setError({ message: "Choose an ONNX file", problems: [] });
      return;
    }
    if (file.size > maxBytes) {
      setError({ message: `The file is ${file.size} bytes; the limit is ${maxBytes}`, problems: [] });
      return;
    }
    setError(null);
    startTransition(async () => {
      const version = String(form.get("version") ?? "").trim();
      const notes = String(form.get("notes") ?? "").trim();
      const result = await uploadOnnxAction({
        brandId,
        model,
        input: { onnx: await base64Of(file), ...(version && { version }), ...(notes && { notes }) },
      });
      if (result.ok) {
        router.push(`/models/${result.data.model}/versions/${encodeURIComponent(result.data.version)}`);
      } else {
        setError({ message: result.error.message, problems: problemsOf(result.error.details) });
      }
    });
  }

  return (
    <form
      ref={formRef}
      onSubmit={(e) => {
        e.preventDefault();
        onUpload();
      }}
      className="grid gap-4 p-6 sm:grid-cols-2"
      aria-labelledby="upload-title"
    >
      <h2 id="upload-title" className="text-base font-semibold text-slate-900 sm:col-span-2">
        Upload an ONNX file
      </h2>
      <div className="text-sm text-slate-700 sm:col-span-2">
        <p>The file must declare, as Brandgate&apos;s own exported models do:</p>
        <ul className="mt-1 list-disc space-y-0.5 pl-5">
          <li>
            input <code className="break-all">{expected.input}</code>
          </li>
          <li>
            output <code className="break-all">{expected.output}</code>
          </li>
          <li>
            metadata <code className="break-all">brandgate.feature_schema_fingerprint</code> ={" "}
            <code className="break-all">{expected.fingerprint}</code>
          </li>
        </ul>
      </div>
      <div className="sm:col-span-2">
        <Label htmlFor="file">ONNX file (at most {Math.round(maxBytes / 1024)} KiB)</Label>
        <Input
          id="file"
          name="file"
          type="file"
          accept=".onnx,application/octet-stream"
          required
          aria-invalid={error?.problems.some((p) => p.path.startsWith("onnx"))}
        />
      </div>
      <div>
        <Label htmlFor="version">Version name (optional)</Label>
        <Input
          id="version"
          name="version"
          placeholder="the next number"
          aria-invalid={error?.problems.some((p) => p.path === "version")}
        />
      </div>
      <div>
        <Label htmlFor="notes">Notes</Label>
        <Input id="notes" name="notes" maxLength={2000} />
      </div>
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <Button type="submit" disabled={pending}>
          Upload version
        </Button>
        {pending && <span className="text-sm text-slate-700">Checking the file…</span>}
      </div>
      <div aria-live="polite" className="sm:col-span-2">
        {error && (
          <div role="alert" className="text-sm text-red-900" data-testid="upload-error">
            <p>{error.message}</p>
            {error.problems.length > 0 && (
              <ul className="mt-1 space-y-1">
                {error.problems.map((p) => (
                  <li key={p.path} className="break-words">
                    <span className="font-medium">{p.path}</span>:{" "}
                    {p.expected ? (
                      <>
                        expected <code>{p.expected.join(", ")}</code>, found{" "}
                        <code>{p.found?.join(", ") || "none"}</code>
                      </>
                    ) : (
                      p.message
                    )}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </form>
  );
}
