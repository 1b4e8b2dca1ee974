import { Secret, TOTP } from "otpauth";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDb, transaction } from "@/server/db";
import { checkSealedData } from "@/server/security/check-sealed-data";
import { dataKeyId } from "@/server/security/data-keys";
import { hmacDigest } from "@/server/security/hmac";
import { resealSecrets } from "@/server/security/reseal-secrets";
import { openSecret, sealedKeyId, sealSecret } from "@/server/security/secret-box";
import { replaceRecoveryCodes, useRecoveryCode } from "@/server/two-step/recovery-codes";
import { matchTotpStep, newTotpSecret } from "@/server/two-step/totp";
import { accountByAddress, freshDemo } from "../support/fixtures";
import { DATA_KEYS, restoreKeys, SESSION_SECRETS, sealV1, useKeys } from "../support/data-keys";
import { runScript } from "../support/run-script";
import { DEMO } from "../support/demo-accounts";

/**
 * Stored secrets have their own key (DATA_ENCRYPTION_KEY): authenticator
 * apps and recovery codes survive a SESSION_SECRET rotation, `npm run
 * data:reseal` moves old rows to the current key, and the start refuses a
 * configuration that cannot open what is stored.
 */
const { a, b, c } = DATA_KEYS;
const idOf = (key: string) => dataKeyId(Buffer.from(key, "base64"));
const PURPOSE = "totp-secret";

beforeEach(freshDemo);
afterEach(restoreKeys);

const setTotp = async (address: string, data: { totpSecret?: string; totpPendingSecret?: string }) =>
  getDb().mailAccount.update({ where: { address }, data: { ...data, ...(data.totpSecret ? { totpEnabledAt: new Date() } : {}) } });
const totpOf = async (address: string) =>
  getDb().mailAccount.findUniqueOrThrow({ where: { address }, select: { totpSecret: true, totpPendingSecret: true } });

describe("a SESSION_SECRET rotation that drops the previous secret", () => {
  it("leaves authenticator apps and recovery codes working", async () => {
    useKeys({ data: a, session: SESSION_SECRETS.old });
    const alice = await accountByAddress(DEMO.alice.email);
    const owner = { kind: "mail" as const, id: alice.id };
    const { sealed, base32 } = newTotpSecret(alice.address);
    const codes = await transaction((tx) => replaceRecoveryCodes(owner, tx));

    useKeys({ data: a, session: SESSION_SECRETS.new });
    const at = new Date();
    const token = new TOTP({ secret: Secret.fromBase32(base32) }).generate({ timestamp: at.getTime() });
    expect(matchTotpStep(sealed, token, at)).not.toBeNull();
    expect(await useRecoveryCode(owner, codes[0])).toBe(true);
  });
});

describe("npm run data:reseal (resealSecrets)", () => {
  it("moves v1 rows and rows under a previous key to the current key, a batch per transaction; leaves unreadable rows; runs again idempotently", async () => {
    useKeys({ data: b, session: SESSION_SECRETS.old });
    await setTotp(DEMO.bob.email, { totpPendingSecret: sealSecret("PENDINGBOB", PURPOSE) });
    useKeys({ data: c });
    await setTotp(DEMO.carol.email, { totpSecret: sealSecret("CAROLKEY", PURPOSE) });
    useKeys({ data: a, dataPrevious: b, session: SESSION_SECRETS.old });
    await setTotp(DEMO.alice.email, { totpSecret: sealV1("ALICEKEY", PURPOSE, SESSION_SECRETS.old) });
    await setTotp(DEMO.dan.email, { totpSecret: sealSecret("DANKEY", PURPOSE) });
    await getDb().twoStepRecoveryCode.create({
      data: {
        id: "legacy-code",
        accountId: (await accountByAddress(DEMO.dan.email)).id,
        codeHash: hmacDigest("x", "y"),
        createdAt: new Date(),
      },
    });

    const first = await resealSecrets(1);
    expect(first.keyId).toBe(idOf(a));
    expect(first.sealed.find((s) => s.label === "authenticator app keys of mail accounts")).toEqual({
      label: "authenticator app keys of mail accounts",
      resealed: 1,
      current: 2,
      unreadable: 1,
      changed: 0,
    });
    expect(first.sealed.find((s) => s.label === "authenticator app keys being set up (mail)")).toMatchObject({ resealed: 1, current: 1 });
    expect(first.digests).toEqual([{ label: "recovery codes", current: 0, previous: 0, sessionSecret: 1 }]);

    // Only the current data key is needed now; carol's row (an unknown key) is as it was.
    useKeys({ data: a, session: SESSION_SECRETS.new });
    expect(openSecret((await totpOf(DEMO.alice.email)).totpSecret, PURPOSE)).toBe("ALICEKEY");
    expect(openSecret((await totpOf(DEMO.bob.email)).totpPendingSecret, PURPOSE)).toBe("PENDINGBOB");
    expect(openSecret((await totpOf(DEMO.dan.email)).totpSecret, PURPOSE)).toBe("DANKEY");
    expect(sealedKeyId((await totpOf(DEMO.carol.email)).totpSecret)).toBe(idOf(c));

    const again = await resealSecrets();
    expect(again.sealed.map((s) => s.resealed)).toEqual([0, 0, 0, 0]);
    expect(again.sealed[0]).toMatchObject({ current: 2, unreadable: 1 });
  });

  it("the start's check names the missing key, and passes once it is configured", async () => {
    useKeys({ data: c });
    await setTotp(DEMO.carol.email, { totpSecret: sealSecret("CAROLKEY", PURPOSE) });
    useKeys({ data: a });
    const missing = await checkSealedData();
    expect(missing.problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^DATA_ENCRYPTION_KEY_PREVIOUS: 1 authenticator app keys of mail accounts were sealed with a data key that is not configured \\(key id ${idOf(c)}\\)`,
        ),
      ),
    ]);
    useKeys({ data: a, dataPrevious: c });
    expect(await checkSealedData()).toEqual({
      problems: [],
      warnings: [
        expect.stringMatching(/^1 authenticator app keys of mail accounts are sealed with a previous data key .*npm run data:reseal/),
      ],
    });
  });
});

describe("npm start refuses stored secrets it cannot open", () => {
  const prepare = (env: Record<string, string>) =>
    runScript("scripts/serve.ts", ["--prepare-only"], { APP_ENV: "development", SESSION_SECRET: SESSION_SECRETS.new, ...env });

  it("a row sealed with a key that is not configured stops the start, naming the variable; with the key as previous it starts", async () => {
    useKeys({ data: c });
    await setTotp(DEMO.carol.email, { totpSecret: sealSecret("CAROLKEY", PURPOSE) });
    const refused = prepare({ DATA_ENCRYPTION_KEY: a });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(
      /Stored secrets cannot be read with this configuration:\n {2}DATA_ENCRYPTION_KEY_PREVIOUS: 1 authenticator app keys/,
    );
    expect(refused.stderr).toContain(idOf(c));
    expect(refused.stdout).not.toMatch(/ready/);

    const started = prepare({ DATA_ENCRYPTION_KEY: a, DATA_ENCRYPTION_KEY_PREVIOUS: c });
    expect(started.stderr).toMatch(/Stored secrets: 1 authenticator app keys of mail accounts are sealed with a previous data key/);
    expect(started.status).toBe(0);
    expect(started.stdout).toMatch(/Configuration and database are ready \(local run\)/);
  });

  it("a configuration without DATA_ENCRYPTION_KEY is refused on a deployment", () => {
    const r = prepare({
      APP_ENV: "production",
      APP_URL: "https://mail.example.com",
      SESSION_SECRET: "Zk3v9Qp2Lr8Wm4Tx6Yb1Nc5Hd7Gf0Js-Ua_Ie",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/DATA_ENCRYPTION_KEY: is required: 32 or more random bytes in base64/);
  });
});
