import { describe, expect, it } from "vitest";
import { SimulatedClients } from "../../../../server/hotline/simulator/simulated-clients.js";

const leg = (identities: string[], timeoutMs = 2000) => ({ parentCallSid: "CAparent", identities, timeoutMs });

describe("the simulated softphones of the desk", () => {
  it("knows which identities have a device open, until it expires or is unregistered", () => {
    const clients = new SimulatedClients();
    clients.register(7, 1000);
    clients.register(8, 1000);
    expect(clients.registered(["staff-7", "staff-8", "staff-9"], 2000)).toEqual(["staff-7", "staff-8"]);
    expect(clients.registered(["staff-7"], 1000 + 91_000)).toEqual([]);
    clients.unregister(8);
    expect(clients.registered(["staff-8"], 2000)).toEqual([]);
  });

  it("connects the one who accepts, through the server's answer, and lets them hang up", async () => {
    const clients = new SimulatedClients();
    const connected: string[] = [];
    const ringing = clients.ring(leg(["staff-7", "staff-8"]), async (identity) => {
      connected.push(identity);
      return true;
    });
    // Someone not rung cannot take it.
    expect(await clients.accept(9, "CAparent", 0)).toBeNull();
    expect(await clients.accept(8, "CAparent")).toBe(true);
    const { outcome, ring } = await ringing;
    expect(outcome).toEqual({ answered: true, identity: "staff-8" });
    expect(connected).toEqual(["staff-8"]);
    // The other one is too late.
    expect(await clients.accept(7, "CAparent", 0)).toBeNull();
    let hungUp = false;
    ring.talking = { staffId: 8, digits: [], hangUp: () => (hungUp = true) };
    expect(await clients.hangUp(7, "CAparent")).toBe(false);
    expect(await clients.digits(8, "CAparent", "12")).toBe(true);
    expect(await clients.hangUp(8, "CAparent")).toBe(true);
    expect(hungUp).toBe(true);
    expect(ring.talking.digits).toEqual(["12"]);
  });

  it("ends the ring when everyone rung declined, or when the dial's timeout passes", async () => {
    const clients = new SimulatedClients();
    const both = clients.ring(leg(["staff-7", "staff-8"]), async () => true);
    expect(await clients.reject(7, "CAparent")).toBe(true);
    expect(await clients.reject(8, "CAparent")).toBe(true);
    expect((await both).outcome).toEqual({ answered: false, reason: "rejected" });
    const nobody = clients.ring(leg(["staff-7"], 20), async () => true);
    expect((await nobody).outcome).toEqual({ answered: false, reason: "timeout" });
    expect(await clients.accept(7, "CAparent", 0)).toBeNull();
  });

  it("tells the staff member when the server gave the call to someone else", async () => {
    const clients = new SimulatedClients();
    const ringing = clients.ring(leg(["staff-7"]), async () => false);
    expect(await clients.accept(7, "CAparent")).toBe(false);
    clients.finished((await ringing).ring);
  });
});
