// Waiting for work an app does after its response (a cache write, a budget
// statement), which a test cannot await directly.

/** Checks `condition` every 20 ms until it holds, for up to 2 s; the test's own assertion then says whether it did. */
export async function until(condition: () => Promise<boolean>) {
  for (let i = 0; i < 100 && !(await condition()); i++)
    await new Promise((resolve) => setTimeout(resolve, 20));
}
