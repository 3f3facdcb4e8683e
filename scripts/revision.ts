/** Which code a measurement ran: the commit, marked when src/ had uncommitted changes. */
import { execFileSync } from "node:child_process";

/** Used by npm run bench and npm run relevance to label their reports. */
export function sourceRevision(root: string): string {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const commit = git("rev-parse", "--short", "HEAD");
    return git("status", "--porcelain", "--", "src") === "" ? commit : `${commit} + uncommitted changes in src/`;
  } catch {
    return "unknown (not a git checkout)";
  }
}
