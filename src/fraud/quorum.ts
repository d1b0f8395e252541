// Fraud checks in a cluster (issue 9): bans, auth failures, call rates and concurrent-call caps
// are each node's memory, replicated over DMQ. A node that sees fewer than a majority of the
// nodes counts mostly its own traffic (a cap of 2 becomes 2 per node), so its checks are not
// to be trusted: fraud.failMode says whether it then refuses new calls ("closed") or goes on
// with a warning ("open"). Pure, no KSR: the specs call it through the bundle's exports; the
// KSR side is src/routes/quorum.ts.

/** The `minority` item of the htable `cluster`: 1 when the node sees a minority, 0 a majority. */
export const IN_MINORITY = 1;
export const IN_MAJORITY = 0;

/** Nodes a node must see, itself included, for a majority of `clusterSize` nodes: floor(N/2)+1. */
export function majorityOf(clusterSize: number): number {
  return math.floor(clusterSize / 2) + 1;
}

/** IN_MINORITY when `active` nodes (itself included) are fewer than a majority of `clusterSize`. */
export function minorityFlag(active: number, clusterSize: number): number {
  return active < majorityOf(clusterSize) ? IN_MINORITY : IN_MAJORITY;
}

/**
 * Whether a new call is refused for want of reliable fraud checks: "closed" (`failOpen`
 * false) refuses unless the node is known to see a majority (`flag` IN_MAJORITY; undefined:
 * not yet known, the first second after a start); "open" never does.
 */
export function refusesNewCalls(flag: number | undefined, failOpen: boolean): boolean {
  return !failOpen && flag !== IN_MAJORITY;
}

/**
 * The log line of a change of view from `previous` to `current` (flags), "" when there is no
 * change to tell: the same view, or a node starting with a majority.
 */
export function quorumChangeLine(previous: number | undefined, current: number, active: number, clusterSize: number, failOpen: boolean): string {
  if (previous === current || (previous === undefined && current === IN_MAJORITY)) return "";
  const seen = string.format("sees %d of %d nodes (a majority is %d)", active, clusterSize, majorityOf(clusterSize));
  if (current === IN_MAJORITY) {
    return `kamailio-ts cluster-majority: this node ${seen} again: fraud checks shared again, new calls accepted`;
  }
  const consequence = failOpen ? "new calls let through (fraud.failMode open)" : "new calls refused with 503 (fraud.failMode closed)";
  return `kamailio-ts cluster-minority: this node ${seen}: its fraud checks count its own traffic only, ${consequence}`;
}
