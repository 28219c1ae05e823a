// Every secret the functions declare with defineSecret, and how setup makes a local value for the
// emulators. Production values live in Secret Manager (see README). Keep in step with
// functions/src/config/params.ts: a unit test checks that both name the same secrets.
const hex = (bytes) => (randomBytes) => randomBytes(bytes).toString("hex");

export const LOCAL_SECRETS = [];
