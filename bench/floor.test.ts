import { describe, expect, it } from "vitest";
import { visibleBody } from "./floor";

describe("visibleBody (the text the Next.js floor renders)", () => {
  it("keeps what the reader sees inside <body> and drops every script, inline or not", () => {
    const html =
      '<!DOCTYPE html><html lang="en"><head><title>t</title><script src="/a.js"></script></head>' +
      '<body class="x"><main><p lang="de">Stalin <em>und</em> Hitler</p></main>' +
      '<script>self.__next_f.push([1,"<p>payload</p>"])</script><script src="/b.js" async=""></script></body></html>';
    const body = visibleBody(html);
    expect(body).toBe('<main><p lang="de">Stalin <em>und</em> Hitler</p></main>');
    expect(body).not.toContain("payload");
  });
});
