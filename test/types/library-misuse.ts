// Type-level test of the library entry (`import ... from "kamailio-ts"`), wrong uses: each
// marked line must fail with exactly that error (right uses: consumer-route.ts).
import { callCost, ksr_route_auth, ksr_route_transactions, normaliseNumber, type Rate } from "kamailio-ts";
import { ksr_route_nosuch } from "kamailio-ts"; // expect-error TS2724: not exported (did you mean ksr_route_auth?)

const rate: Rate = { id: "r", connectFee: 0, price: 500, unitSeconds: 1, firstIncrement: 1, nextIncrement: 1 };
ksr_route_auth("yes"); // expect-error TS2345: trusted is a boolean
const account: number = ksr_route_auth(false); // expect-error TS2322: the account is a string
ksr_route_transactions(); // expect-error TS2554: the method is required
normaliseNumber("13545769997", { countryCode: "86" }); // expect-error TS2345: a numbering plan has all three fields
callCost(rate, "120000"); // expect-error TS2345: durations are milliseconds, numbers
const cost: string = callCost(rate, 120000); // expect-error TS2322: money is a number of 1/10000 units
const free: Rate = { id: "r", price: 0 }; // expect-error TS2739: a rate has all its required fields

void [ksr_route_nosuch, account, cost, free];
