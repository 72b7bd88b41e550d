import path from "path";
import { compileCacheDir } from "./compile-cache";

describe("compileCacheDir", () => {
  it("is fleetlab/compile-cache in the platform's user cache folder", () => {
    expect(compileCacheDir({}, "linux", "/home/ada")).toBe(path.join("/home/ada", ".cache", "fleetlab", "compile-cache"));
    expect(compileCacheDir({ XDG_CACHE_HOME: "/xdg" }, "linux", "/home/ada")).toBe(path.join("/xdg", "fleetlab", "compile-cache"));
    expect(compileCacheDir({}, "darwin", "/Users/ada")).toBe(path.join("/Users/ada", "Library", "Caches", "fleetlab", "compile-cache"));
    expect(compileCacheDir({ LOCALAPPDATA: "C:\\Users\\ada\\AppData\\Local" }, "win32", "C:\\Users\\ada")).toBe(path.join("C:\\Users\\ada\\AppData\\Local", "fleetlab", "compile-cache"));
  });
});
