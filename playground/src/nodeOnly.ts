/**
 * Stands in for piscina in the page. src/index.ts re-exports the batch engine (worker threads, Node only);
 * a build drops it as unused, but the dev server loads every module a re-export names (and pre-bundles
 * piscina, whose classes extend Node's AsyncResource and fail in a browser as soon as they are evaluated).
 * Nothing in the page calls the engine; if something did, this says why it cannot.
 */
export class Piscina {
  constructor() {
    throw new Error("reesim's batch engine (monteCarlo, sweep, runBatches) runs in Node, not in the browser");
  }
}
export default Piscina;
