import { expect, it } from "vitest";
import { emulatorPorts } from "./emulator-ports";

it("puts the API origin on the port after the web origin's, whichever that is", () => {
  expect(emulatorPorts({})).toEqual({ EMULATOR_PORT: "4111", EMULATOR_API_PORT: "4112" });
  expect(emulatorPorts({ EMULATOR_PORT: "4311" })).toEqual({
    EMULATOR_PORT: "4311",
    EMULATOR_API_PORT: "4312",
  });
  expect(emulatorPorts({ EMULATOR_PORT: "" })).toEqual({ EMULATOR_PORT: "4111", EMULATOR_API_PORT: "4112" });
});

it("keeps an explicit EMULATOR_API_PORT, and port 0 (any free port) for both", () => {
  expect(emulatorPorts({ EMULATOR_PORT: "4311", EMULATOR_API_PORT: "5000" })).toEqual({
    EMULATOR_PORT: "4311",
    EMULATOR_API_PORT: "5000",
  });
  expect(emulatorPorts({ EMULATOR_PORT: "0" })).toEqual({ EMULATOR_PORT: "0", EMULATOR_API_PORT: "0" });
});

it("leaves a malformed EMULATOR_PORT for the emulator to refuse", () => {
  expect(emulatorPorts({ EMULATOR_PORT: "http" })).toEqual({ EMULATOR_PORT: "http" });
});
