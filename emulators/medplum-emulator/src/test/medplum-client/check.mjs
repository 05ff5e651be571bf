// Medplum's own TypeScript client against the stand-in, for the calls this system makes. Each MedplumClient call
// below also runs what the client does on its own after a sign-in: it checks the token's client_id and expiry and
// reads GET auth/me (with Accept: application/fhir+json and X-Medplum: extended), failing without profile.id.
// Usage: node check.mjs <baseUrl> <clientId> <clientSecret> <subjectToken>
// Prints one JSON line with what the client saw; any failure exits non-zero.
import { MedplumClient } from '@medplum/core';

const [baseUrl, clientId, clientSecret, subjectToken] = process.argv.slice(2);

const org = new MedplumClient({ baseUrl, fetch });
const client = await org.startClientLogin(clientId, clientSecret);
const patients = await org.searchResources('Patient', { _count: '5' });

const user = new MedplumClient({ baseUrl, fetch });
const profile = await user.exchangeExternalAccessToken(subjectToken, clientId);

console.log(JSON.stringify({
  clientLogin: { profile: `${client.resourceType}/${client.id}`, project: org.getProject()?.id },
  patients: patients.map((p) => p.resourceType + '/' + p.id),
  exchange: {
    profile: `${profile.resourceType}/${profile.id}`,
    project: user.getProject()?.id,
    membership: user.getProjectMembership()?.id,
  },
}));
