/**
 * The protocol between execute-sandbox.ts (parent) and execute-worker.ts, the process that
 * runs one submission's own code cells. The job comes as the first line on stdin (not in
 * argv, which the cells can read); every line the worker sends starts with the job's nonce,
 * so a cell that writes to the process's output cannot forge one:
 *
 *   <nonce> cell <index>           cell <index> (of the notebook) starts
 *   <nonce> ran <CellRun JSON>     it finished, ok or with its error
 *   <nonce> exit <code> <index>    the process is ending (process.exit) while cell <index> runs
 *   <nonce> done                   every code cell ran
 */
export interface ExecuteJob {
  /** The submission's copy in the scratch folder (the cells' working directory). */
  notebook: string;
  scratch: string;
  nonce: string;
}
