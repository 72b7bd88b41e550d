/**
 * Generates a mission's notebook from its definition: readable markdown for the
 * student (chapter context, track table, each part's steps) and thin code cells
 * that call the mission API. Deterministic: the same definition gives the same
 * bytes, so committed notebooks can be checked against their definitions.
 *
 * The parameters cell (tagged "parameters", as papermill does) holds
 * `const track = "…";`; `fleetlab run --track` rewrites that one line.
 */
import { FLEETLAB_KERNELSPEC, type Notebook, type NotebookCell, toMultiline } from "./nbformat";
import { resolve, trackContext } from "./resolve";
import type { MissionSpec, PartSpec, TrackContext, TrackId } from "./types";
import { TRACK_IDS } from "./types";

/** Display names of the tracks, as the plans write them. */
export const TRACK_NAMES: Record<TrackId, string> = {
  cloud_titan: "Cloud Titan",
  edge_guardian: "Edge Guardian",
  mobile_nomad: "Mobile Nomad",
  tiny_pioneer: "Tiny Pioneer",
};

/** The import every mission notebook starts with. */
export const MISSION_IMPORT = 'import { mission } from "fleetlab/mission";';
/** Matches the track line of the parameters cell. */
export const TRACK_LINE = /^const track(?:: *\w+)? *= *"[a-z_]+";?$/m;

/** The parameters-cell line that selects `track`. */
export function trackLine(track: TrackId): string {
  return `const track = "${track}";`;
}

function md(id: string, text: string): NotebookCell {
  return { id, cell_type: "markdown", metadata: {}, source: toMultiline(text) };
}

function code(id: string, text: string, tags?: string[]): NotebookCell {
  return { id, cell_type: "code", metadata: tags ? { tags } : {}, source: toMultiline(text), execution_count: null, outputs: [] };
}

/**
 * A new, unexecuted notebook for the mission. A course mission's notebook names its mission
 * file (`missionFile`, relative to the notebook) in its metadata and opens it by that path;
 * a built-in mission's opens it by id.
 */
export function missionNotebook<P>(mission: MissionSpec<P>, options: { missionFile?: string } = {}): Notebook {
  const opened = options.missionFile ?? mission.id;
  // Parameters load only when a per-track text needs them, so a scaffold whose parameters are
  // still TODO gets its notebook (and `fleetlab check` names the tracks they do not load for).
  let loaded: TrackContext<P> | null = null;
  const load = () => (loaded ??= trackContext(mission, mission.defaultTrack));
  const ctx: TrackContext<P> = { track: mission.defaultTrack, get params() { return load().params; }, get designs() { return load().designs; } };
  const tracks = (TRACK_IDS as readonly TrackId[]).filter((t) => mission.tracks[t]);
  const cells: NotebookCell[] = [
    md("intro", introText(mission, tracks)),
    code("setup", MISSION_IMPORT),
    md("choose-track", [
      "## Choose your track",
      "",
      `Set \`track\` below to one of ${tracks.map((t) => `\`"${t}"\``).join(", ")} and run the cells in order.`,
      "The Track control under the next cell switches the parts already shown to another track in place:",
      "their numbers, ranges, questions and targets are recomputed for it. Each track keeps its own locked",
      "predictions, so switching back shows the prediction you locked there.",
    ].join("\n")),
    code("parameters", trackLine(mission.defaultTrack), ["parameters"]),
    code("open", `const m = mission.open(${JSON.stringify(opened)}, track);\nm.briefing();`),
  ];
  mission.parts.forEach((part, i) => {
    cells.push(md(`part${i + 1}`, partText(part, i + 1, ctx)));
    cells.push(code(`part${i + 1}-run`, `m.part("${part.id}");`));
  });
  cells.push(md("visuals", [
    "## The mission at a glance",
    "",
    `- **Primary:** \`${mission.visuals.primary}\``,
    `- **Secondary:** \`${mission.visuals.secondary}\``,
    `- **Math Peek:** ${mission.visuals.mathPeek}`,
    "",
    "The cell below draws both visuals for your track with the values you chose in the parts above.",
  ].join("\n")));
  cells.push(code("visuals-run", "m.visuals();"));
  cells.push(md("design-record", [
    "## Your design record",
    "",
    "Every part records your locked prediction, your final control values, whether you found the",
    "target and in how many tries, and the length of your reflection. Later missions read this record",
    "(`fleetlab-design-record.json` beside this notebook), so the fleet you design here is the fleet you operate next.",
  ].join("\n")));
  cells.push(code("design-record-run", "m.designRecord();"));
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { ...FLEETLAB_KERNELSPEC },
      language_info: { name: "typescript", file_extension: ".ts", mimetype: "text/typescript" },
      fleetlab: options.missionFile ? { mission: mission.id, missionFile: options.missionFile } : { mission: mission.id },
    },
    cells,
  };
}

function introText<P>(mission: MissionSpec<P>, tracks: TrackId[]): string {
  const rows = tracks.map((t) => {
    const s = mission.tracks[t]!;
    return `| **${TRACK_NAMES[t]}** (\`${t}\`) | ${s.persona} | ${s.northStar} | **${s.crisisTitle}** ${s.crisis} |`;
  });
  return [
    `# ${mission.title}`,
    "",
    `**Chapter:** ${mission.chapter.title}  `,
    `**Core invariant:** ${mission.chapter.invariant}  `,
    `**Time:** about ${mission.chapter.minutes} minutes, three parts.`,
    "",
    mission.chapter.struggle,
    "",
    "Each part runs the same loop: **lock** a prediction before you touch anything, then explore the",
    "**workbench** (its controls drive the model; its instruments are computed from it), find the part's",
    "target within its tries, answer the stakeholder, and **reflect** in writing. The workbench opens only",
    "after your prediction is locked, and the lock cannot be changed afterwards.",
    "",
    "| Track | Persona | North Star | The crisis |",
    "| :--- | :--- | :--- | :--- |",
    ...rows,
  ].join("\n");
}

function partText<P>(part: PartSpec<P>, n: number, ctx: TrackContext<P>): string {
  const lines = [
    `## Part ${n}: ${part.title} (${part.kind}, ${part.minutes} min)`,
    "",
    `**Objective.** ${part.objective}`,
    "",
    `1. **Lock your prediction.** ${resolve(part.lock.question, ctx)}`,
    `2. **Explore the workbench.** Controls: ${part.workbench.controls.map((c) => `**${c.label}**`).join(", ")}. ` +
      `Instruments: ${part.workbench.instruments.map((i) => `**${i.name}**`).join(", ")}.`,
  ];
  let step = 3;
  if (part.target) {
    lines.push(`${step++}. **The ${part.target.maxAttempts}-iteration rule.** ${resolve(part.target.prompt, ctx)} ` +
      `Enter your value in the target box; you have ${part.target.maxAttempts} tries and must land within ` +
      `${Math.round(part.target.tolerance * 100)}% of the model's value.`);
  }
  if (part.stakeholder) {
    lines.push(`${step++}. **Stakeholder: ${part.stakeholder.who}** (${part.stakeholder.role}). ${resolve(part.stakeholder.message, ctx)}`);
  }
  lines.push(`${step++}. **Reflect** (at least ${part.reflect.minWords} words). ${resolve(part.reflect.prompt, ctx)}`);
  lines.push("", `**Math Peek:** ${part.mathPeek.map((f) => `${f.label} (\`${f.expression}\`)`).join("; ")}.`);
  return lines.join("\n");
}

/** The notebook as the bytes to commit: 1-space JSON, trailing newline (Jupyter's own layout). */
export function serializeNotebook(nb: Notebook): string {
  return JSON.stringify(nb, null, 1) + "\n";
}
