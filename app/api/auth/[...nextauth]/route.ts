import NextAuth from "next-auth";
import { authOptions } from "@/app/_auth/options";

// Options are built per request so that `next build` never needs the runtime secrets.
type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx): Promise<Response> {
  return NextAuth(authOptions())(req, { params: await ctx.params });
}

export { handler as GET, handler as POST };
