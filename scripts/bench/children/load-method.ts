/**
 * Child (run with --expose-gc): one cold load of index.json by one method
 * (see ../load-methods.ts), timed in wall and CPU time, and the heap it
 * leaves. Prints LoadMethodRun as JSON.
 * Args: --index FILE --method NAME
 */
import { readFileSync } from "node:fs";
import { answer, childArgs, requiredArg } from "../child";
import { inputBytes, LOAD_METHOD_NAMES, loadWith, prepareInput, warmUp, type LoadInput, type LoadMethod, type LoadMethodRun } from "../load-methods";
import { heapAfterGc } from "../phases";
import { cpuMsSince } from "../stats";

const args = childArgs();
const method = requiredArg(args, "method") as LoadMethod;
if (!LOAD_METHOD_NAMES.includes(method)) throw new Error(`bench: no load method named ${method}; choose from ${LOAD_METHOD_NAMES.join(", ")}`);

let input: LoadInput | undefined = prepareInput(method, new Uint8Array(readFileSync(requiredArg(args, "index"))));
const bytes = inputBytes(input);
await warmUp(method);
const heapBeforeBytes = heapAfterGc();
const cpuBefore = process.cpuUsage();
const started = performance.now();
const loaded = await loadWith(method, input);
const wallMs = performance.now() - started;
const cpuMs = cpuMsSince(cpuBefore);
input = undefined;
const heapAfterBytes = heapAfterGc();
// Read after the heap, so the loaded index is alive when it is measured.
if (loaded === undefined) throw new Error("bench: the load returned nothing");

const run: LoadMethodRun = { wallMs, cpuMs, heapOfIndexBytes: heapAfterBytes - heapBeforeBytes, inputBytes: bytes };
answer(run);
