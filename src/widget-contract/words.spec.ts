import { wordCount } from "./words";

describe("wordCount (kernel, front end and design record alike)", () => {
  it("counts whitespace-separated tokens that hold a letter or digit", () => {
    expect(wordCount("Because P_fleet = P_node^N, it's worse.")).toBe(5);
    expect(wordCount("The fleet's MTBF — falls as N grows, 3x.")).toBe(8);
  });
  it("counts nothing in blank or symbol-only text", () => {
    expect(wordCount("  \n ")).toBe(0);
    expect(wordCount("= + — ->")).toBe(0);
  });
  it("counts scripts other than Latin", () => expect(wordCount("故障 は 増える")).toBe(3));
});
