import { describe, expect, it } from "vitest";
import { passwordProblem } from "./password-policy";

describe("passwordProblem", () => {
  it("refuses the passwords attackers try first, whatever their case", () => {
    expect(passwordProblem("password123", "a@b.example")).toBe("password-too-common");
    expect(passwordProblem("Password123", "a@b.example")).toBe("password-too-common");
    expect(passwordProblem("12345678", "a@b.example")).toBe("password-too-common");
    expect(passwordProblem("passwort1", "a@b.example")).toBe("password-too-common");
  });

  it("refuses the account's own e-mail address, or its part before the @", () => {
    expect(passwordProblem("Anna.Petrova@uni.example", "anna.petrova@uni.example")).toBe("password-is-email");
    expect(passwordProblem("anna.petrova", "anna.petrova@uni.example")).toBe("password-is-email");
  });

  it("accepts an ordinary passphrase", () => {
    expect(passwordProblem("correct horse battery", "anna@uni.example")).toBeNull();
    expect(passwordProblem("synopse-demo", "instructor@synopse.test")).toBeNull();
  });
});
