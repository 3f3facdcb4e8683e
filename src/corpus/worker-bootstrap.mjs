// Worker threads do not inherit the TypeScript loader the build runs under
// (tsx), so each one registers it before importing its TypeScript entry.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
