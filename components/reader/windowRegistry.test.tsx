import { describe, expect, it } from "vitest";
import { registerArrivingText, textsArriving } from "./windowRegistry";

describe("panes whose text is on its way", () => {
  it("are waited for until their text is in, and only they", async () => {
    expect(textsArriving(["pane1", "pane2"])).toBeNull();
    let done = () => {};
    const inDom = new Promise<void>((resolve) => (done = resolve));
    const unregister = registerArrivingText("pane2", inDom);
    expect(textsArriving(["pane1"])).toBeNull();
    const waiting = textsArriving(["pane1", "pane2"]);
    expect(waiting).not.toBeNull();
    let arrived = false;
    void waiting!.then(() => (arrived = true));
    await Promise.resolve();
    expect(arrived).toBe(false);
    done();
    unregister();
    await waiting;
    expect(arrived).toBe(true);
    expect(textsArriving(["pane2"])).toBeNull();
  });
});
