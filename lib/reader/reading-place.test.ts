import { describe, expect, it } from "vitest";
import { formatReadingPlaces, parseReadingPlaces, withReadingPlaces } from "./reading-place";

describe("reading places in the address", () => {
  it("round-trips a place per pane, a pane without one left empty", () => {
    const places = [{ blockId: "p12", percent: 35 }, null, { blockId: "post3-q1", percent: 0 }];
    const value = formatReadingPlaces(places);
    expect(value).toBe("p12.35,,post3-q1");
    expect(parseReadingPlaces(value, 3)).toEqual(places);
  });

  it("ignores what is not a place, and panes beyond those open", () => {
    expect(parseReadingPlaces("p1.5,<script>,p3.7", 3)).toEqual([{ blockId: "p1", percent: 5 }, null, { blockId: "p3", percent: 7 }]);
    expect(parseReadingPlaces("p1,p2,p3", 2)).toHaveLength(2);
    expect(parseReadingPlaces("p1.100", 1)).toEqual([null]);
    expect(parseReadingPlaces(null, 3)).toEqual([]);
  });

  it("clamps the share and keeps the other parameters of the address", () => {
    expect(formatReadingPlaces([{ blockId: "p2", percent: 140 }])).toBe("p2.99");
    expect(
      withReadingPlaces("p=a,b&sync=1&b=2.p4", [
        { blockId: "p9", percent: 50 },
        { blockId: "p1", percent: 0 },
      ]),
    ).toBe("p=a,b&sync=1&b=2.p4&at=p9.50,p1");
    expect(withReadingPlaces("p=a&at=p9", [null])).toBe("p=a");
  });
});
