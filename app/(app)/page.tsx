import { redirect } from "next/navigation";
import { landingSection } from "@/lib/auth/navigation";
import { currentMembership, currentSession } from "../_auth/session";

/** Home is where the user's role starts its day (a reviewer's queue, else the first section). */
export default async function Home() {
  const session = await currentSession();
  if (!session) redirect("/signin");
  const first = landingSection(await currentMembership(session));
  if (first) redirect(first.href);
  return <p className="text-slate-700">You do not belong to any brand yet. Ask an admin to add you.</p>;
}
