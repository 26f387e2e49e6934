import { describe, expect, it } from "vitest";
import { pageList } from "./pagination";

describe("pageList", () => {
  it("lists the first, last and neighbouring pages, with a gap where pages are left out", () => {
    expect(pageList(1, 1)).toEqual([1]);
    expect(pageList(1, 3)).toEqual([1, 2, 3]);
    expect(pageList(5, 10)).toEqual([1, null, 4, 5, 6, null, 10]);
    expect(pageList(2, 10)).toEqual([1, 2, 3, null, 10]);
    expect(pageList(10, 10)).toEqual([1, null, 9, 10]);
  });
});
