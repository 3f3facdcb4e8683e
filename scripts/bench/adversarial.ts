/**
 * Issue 6 asks what the worst adversarial queries cost against a typical
 * one: here, in CPU time per query measured in the Node probe (the Workers
 * limit is on CPU time, not wall time), the costliest adversarial class
 * against the median of the non-adversarial ones.
 */
import type { QueryTiming } from "./children/probe-types";
import type { QueryCase } from "./queries";
import { median, ratio } from "./stats";

export interface AdversarialCost {
  /** The adversarial class with the highest median CPU ms per query (ours). */
  worst: { class: string; q: string; cpuMs: number; cpuP99Ms: number; wallMs: number };
  /** The median, over the non-adversarial classes, of each one's median CPU ms per query. */
  typicalCpuMs: number;
  typicalClasses: string[];
  /** worst.cpuMs ÷ typicalCpuMs. */
  ratio: number | null;
}

/** null when either side has no timing (every class failed, say). */
export function adversarialCost(queries: readonly QueryTiming[], cases: readonly QueryCase[]): AdversarialCost | null {
  const timed = queries.flatMap((query, i) => (query.ours && cases[i] ? [{ query, ours: query.ours, adversarial: cases[i].adversarial }] : []));
  const typical = timed.filter((entry) => !entry.adversarial);
  const worst = timed.filter((entry) => entry.adversarial).sort((a, b) => b.ours.cpu.median - a.ours.cpu.median)[0];
  if (!worst || typical.length === 0) return null;
  const typicalCpuMs = median(typical.map((entry) => entry.ours.cpu.median));
  return {
    worst: { class: worst.query.class, q: worst.query.q, cpuMs: worst.ours.cpu.median, cpuP99Ms: worst.ours.cpu.p99, wallMs: worst.ours.median },
    typicalCpuMs,
    typicalClasses: typical.map((entry) => entry.query.class),
    ratio: ratio(worst.ours.cpu.median, typicalCpuMs),
  };
}
