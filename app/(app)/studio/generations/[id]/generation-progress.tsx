"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Badge, Card } from "../../../../_components/ui";
import { pollGeneration } from "../../actions";
import { StepsTimeline } from "./steps-timeline";

type View = Extract<Awaited<ReturnType<typeof pollGeneration>>, { ok: true }>["data"];

/** Ended, with every step written: a success is settled once its `submit` step is there. */
const settled = (view: View) =>
  view.status === "blocked" ||
  view.status === "failed" ||
  (view.status === "succeeded" && view.steps.some((s) => s.name === "submit"));

/**
 * Polls a running generation, its steps a live region for screen readers; once it has ended
 * the page is fetched again, and the server shows the copy and its checks instead.
 */
export function GenerationProgress({ brandId, id }: { brandId: string; id: string }) {
  const router = useRouter();
  const [view, setView] = useState<View | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    async function tick() {
      const result = await pollGeneration({ brandId, id });
      if (stopped) return;
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      setView(result.data);
      if (settled(result.data)) router.refresh();
      else setTimeout(tick, 600);
    }
    void tick();
    return () => {
      stopped = true;
    };
  }, [brandId, id, router]);

  if (error) return <p role="alert">{error}</p>;
  return (
    <Card>
      <p className="mb-3 text-sm">
        Status: <Badge tone="blue">{view?.status ?? "queued"}</Badge>
        <span className="ml-2 text-slate-700">Generating the copy and checking it…</span>
      </p>
      <StepsTimeline steps={view?.steps ?? []} />
    </Card>
  );
}
