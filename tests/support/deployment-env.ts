/**
 * What every deployment configuration in the tests shares (src/env.ts's
 * deployment rules pass with it): each test adds the database, the email
 * settings or the one value it checks.
 */
export const DEPLOYMENT_SECRETS = {
  APP_URL: "https://mail.example.com",
  SESSION_SECRET: "Zk3v9Qp2Lr8Wm4Tx6Yb1Nc5Hd7Gf0Js-Ua_Ie",
  DATA_ENCRYPTION_KEY: "cI2PVd/SN2OuZik3acUtxPlCuL7ks3a3s82JUsYfhlM=",
  SMS_PROVIDER: "twilio",
  TWILIO_ACCOUNT_SID: "AC1",
  TWILIO_AUTH_TOKEN: "t",
  TWILIO_FROM_NUMBER: "+15005550006",
};
