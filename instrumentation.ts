// Runs once when the server starts (`next start`, `next dev`, each Vercel
// function instance), never during `next build`: a missing or malformed
// variable stops the server with one line per problem instead of failing later
// inside a request.
export async function register() {
  // Inside the check (not after an early return) so the Edge build drops it.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { EnvError, validateEnv } = await import("@/lib/env");
    try {
      validateEnv();
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      console.error(`\n${error.message}\n`);
      process.exit(1);
    }
  }
}
