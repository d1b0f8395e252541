import { isTollFree } from "../routing/toll-free";
import { ksr_route_to_gateway_set } from "./relay";

/** Dispatcher set of the toll-free gateways: the deployment config's tollFreeGateways. */
const TOLL_FREE_SET = 2;

/**
 * Calls to 800 numbers go to the toll-free gateways, when the deployment config has any.
 * `dialled`: a new call's Request-URI user ("" for any other request).
 */
export function ksr_route_toll_free(dialled: string): void {
  if (!isTollFree(dialled)) return;
  if (KSR.dispatcher.ds_list_exists(TOLL_FREE_SET) < 0) return;
  ksr_route_to_gateway_set(TOLL_FREE_SET, "INVITE");
}
