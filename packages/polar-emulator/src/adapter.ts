import type { EmulatorState, StoredRecord } from "./state.ts";

type Payload = Record<string, unknown>;

// In-memory storage for oidc-provider's models, with two Polar semantics the
// default adapter does not have:
// - a used authorization code is deleted, and a rotated refresh token is revoked:
//   either is then simply "not found" (invalid_grant) and the rest of the grant
//   stays alive. oidc-provider's default (keep it marked "consumed", then revoke
//   the whole grant on reuse) is what Polar does NOT do (polar/oauth2/grants/
//   authorization_code.py delete_authorization_code, refresh_token.py
//   revoke_old_credential).
// Everything lives in EmulatorState, so /__emulator/reset forgets it all,
// login sessions included.
class StateAdapter {
  readonly name: string;
  readonly state: EmulatorState;

  constructor(name: string, state: EmulatorState) {
    this.name = name;
    this.state = state;
  }

  private get records(): Map<string, StoredRecord> {
    let records = this.state.models.get(this.name);
    if (!records) {
      records = new Map();
      this.state.models.set(this.name, records);
    }
    return records;
  }

  async upsert(id: string, payload: Payload): Promise<void> {
    this.records.set(id, { payload: { ...payload } });
  }

  async find(id: string): Promise<Payload | undefined> {
    const record = this.records.get(id);
    return record ? { ...record.payload } : undefined;
  }

  async findByUid(uid: string): Promise<Payload | undefined> {
    for (const record of this.records.values()) {
      if (record.payload["uid"] === uid) return { ...record.payload };
    }
    return undefined;
  }

  async findByUserCode(userCode: string): Promise<Payload | undefined> {
    for (const record of this.records.values()) {
      if (record.payload["userCode"] === userCode) return { ...record.payload };
    }
    return undefined;
  }

  async consume(id: string): Promise<void> {
    if (this.name === "AuthorizationCode" || this.name === "RefreshToken") {
      this.records.delete(id);
      return;
    }
    const record = this.records.get(id);
    if (record) record.payload["consumed"] = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.records.delete(id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const [id, record] of this.records) {
      if (record.payload["grantId"] === grantId) this.records.delete(id);
    }
  }
}

export function createAdapterFactory(state: EmulatorState): (name: string) => StateAdapter {
  return (name) => new StateAdapter(name, state);
}
