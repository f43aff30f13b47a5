import type { Metadata } from "next";
import Link from "next/link";
import { apiReference, type ReferenceOperation, type SchemaRow } from "@/lib/api/api-reference";
// The committed document: a test fails when it is stale against the route schemas.
import document from "@/client/openapi.json";

export const metadata: Metadata = { title: "API reference" };

const METHOD_TONE: Record<string, string> = {
  GET: "bg-blue-100 text-blue-900",
  POST: "bg-green-100 text-green-900",
  PUT: "bg-amber-100 text-amber-900",
  PATCH: "bg-amber-100 text-amber-900",
  DELETE: "bg-red-100 text-red-900",
};

function Rows({ rows, caption }: { rows: SchemaRow[]; caption: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-700">No fields.</p>;
  return (
    <table className="w-full border-collapse text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-slate-300 text-slate-700">
          <th scope="col" className="py-1 pr-4 font-medium">
            Field
          </th>
          <th scope="col" className="py-1 pr-4 font-medium">
            Type
          </th>
          <th scope="col" className="py-1 font-medium">
            Notes
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name} className="border-b border-slate-100 align-top">
            <td className="py-1 pr-4 font-mono text-slate-900">
              {r.name}
              {r.required && <span className="ml-1 text-red-800">(required)</span>}
            </td>
            <td className="py-1 pr-4 font-mono break-all text-slate-800">{r.type}</td>
            <td className="py-1 text-slate-800">{[...r.notes, r.description].filter(Boolean).join("; ")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Operation({ op }: { op: ReferenceOperation }) {
  const errors = op.responses.filter((r) => r.error);
  return (
    <section
      id={op.id}
      aria-labelledby={`${op.id}-title`}
      className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h3
        id={`${op.id}-title`}
        className="flex flex-wrap items-center gap-3 text-lg font-semibold text-slate-900"
      >
        <span
          className={`rounded px-2 py-0.5 font-mono text-sm ${METHOD_TONE[op.method] ?? "bg-slate-100 text-slate-900"}`}
        >
          {op.method}
        </span>
        <code className="font-mono">{op.path}</code>
      </h3>
      <p className="mt-2 text-slate-900">{op.summary}</p>
      {op.description && <p className="mt-1 text-sm text-slate-700">{op.description}</p>}
      <p className="mt-3 text-sm text-slate-800">
        <strong>Auth:</strong>{" "}
        {op.scopes ? (
          <>
            API key as <code>Authorization: Bearer bg_…</code> with scope{" "}
            {op.scopes.map((s) => (
              <code key={s} className="rounded bg-slate-100 px-1">
                {s}
              </code>
            ))}
          </>
        ) : (
          "none (public)"
        )}
      </p>
      {op.parameters.length > 0 && (
        <>
          <h4 className="mt-4 font-medium text-slate-900">Parameters</h4>
          <Rows
            caption={`Parameters of ${op.method} ${op.path}`}
            rows={op.parameters.map((p) => ({
              name: `${p.name} (${p.in})`,
              type: p.type,
              required: p.required,
              notes: p.notes,
            }))}
          />
        </>
      )}
      {op.body && (
        <>
          <h4 className="mt-4 font-medium text-slate-900">Request body (application/json)</h4>
          <Rows caption={`Request body of ${op.method} ${op.path}`} rows={op.body} />
        </>
      )}
      <h4 className="mt-4 font-medium text-slate-900">Responses</h4>
      {op.responses
        .filter((r) => !r.error)
        .map((r) => (
          <div key={r.status} className="mt-1">
            <p className="text-sm text-slate-800">
              <strong>{r.status}</strong> {r.description}
            </p>
            <Rows caption={`${r.status} response of ${op.method} ${op.path}`} rows={r.rows} />
          </div>
        ))}
      {errors.length > 0 && (
        <p className="mt-2 text-sm text-slate-800">
          <strong>{errors.map((r) => r.status).join(", ")}</strong>: the error envelope{" "}
          <code>{`{ "error": { "code", "message", "details"? } }`}</code>
        </p>
      )}
      <h4 className="mt-4 font-medium text-slate-900">Example</h4>
      {/* A long example scrolls sideways: focusable and named, so keyboards can scroll it. */}
      <pre
        tabIndex={0}
        aria-label={`curl example for ${op.method} ${op.path}`}
        className="mt-1 overflow-x-auto rounded bg-slate-900 p-3 text-xs text-slate-50"
      >
        <code>{op.curl}</code>
      </pre>
    </section>
  );
}

/** The API reference, rendered on the server from the OpenAPI document: no scripts, no CDN. */
export default function ApiDocsPage() {
  const groups = apiReference(document as Record<string, unknown>);
  return (
    <main className="mx-auto max-w-5xl px-4 py-10">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Brandgate API reference</h1>
      <p className="mt-2 text-slate-800">
        The governed content API at <code>/api/v1</code>. Authenticate with an API key created under Admin →
        API keys. Every error answers <code>{`{ "error": { "code", "message", "details"? } }`}</code>; every
        POST honours <code>Idempotency-Key</code>. The machine-readable document is{" "}
        <Link className="text-blue-800 underline" href="/api/v1/openapi.json">
          /api/v1/openapi.json
        </Link>
        ; a typed TypeScript client is generated from it in <code>client/</code>.
      </p>
      <nav aria-label="Operations" className="mt-6">
        <ul className="space-y-2 text-sm">
          {groups.map((g) => (
            <li key={g.tag}>
              <span className="font-medium capitalize text-slate-900">{g.tag}</span>
              <ul className="ml-4">
                {g.operations.map((op) => (
                  <li key={op.id}>
                    <a className="font-mono text-blue-800 underline" href={`#${op.id}`}>
                      {op.method} {op.path}
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map((g) => (
        <section key={g.tag} aria-labelledby={`tag-${g.tag}`} className="mt-10">
          <h2 id={`tag-${g.tag}`} className="mb-4 text-xl font-semibold capitalize text-slate-900">
            {g.tag}
          </h2>
          <div className="space-y-6">
            {g.operations.map((op) => (
              <Operation key={op.id} op={op} />
            ))}
          </div>
        </section>
      ))}
    </main>
  );
}
