// A real FHIR client (fhir-kit-client) talking to a running carepath server: the Go test
// TestMountedServer/FHIRKitClient starts the server and runs this script with FHIR_BASE, FHIR_TOKEN,
// FHIR_PATIENT and FHIR_QR (a QuestionnaireResponse to create) in the environment. It prints one
// JSON object of what it found; the Go test checks it.
import { Client } from 'fhir-kit-client';

const { FHIR_BASE, FHIR_TOKEN, FHIR_PATIENT, FHIR_QR } = process.env;
const client = new Client({ baseUrl: FHIR_BASE, bearerToken: FHIR_TOKEN });
const out = {};

const cs = await client.capabilityStatement();
out.fhirVersion = cs.fhirVersion;
out.types = cs.rest[0].resource.map((r) => r.type);

const patient = await client.read({ resourceType: 'Patient', id: FHIR_PATIENT });
out.patientFamily = patient.name[0].family;
out.patientVersion = patient.meta.versionId;

// Page through the client's observations three at a time with the client's own paging.
let bundle = await client.search({ resourceType: 'Observation', searchParams: { patient: FHIR_PATIENT, _count: 3 } });
out.total = bundle.total;
out.paged = 0;
out.pages = 0;
while (bundle) {
  out.pages++;
  out.paged += (bundle.entry || []).filter((e) => e.search && e.search.mode === 'match').length;
  bundle = await client.nextPage({ bundle });
}

const phq = await client.search({
  resourceType: 'Observation',
  searchParams: { subject: `Patient/${FHIR_PATIENT}`, code: 'http://loinc.org|44261-6', date: 'ge2000-01-01' },
});
out.phq9Totals = phq.entry.map((e) => e.resource.valueQuantity.value);

const created = await client.create({ resourceType: 'QuestionnaireResponse', body: JSON.parse(FHIR_QR) });
out.createdId = created.id;
out.createdItem9 = created.contained.find((c) => c.id === 'item9').interpretation[0].coding[0].code;

const everything = await client.operation({ name: 'everything', resourceType: 'Patient', id: FHIR_PATIENT, method: 'GET', input: { _count: 500 } });
out.everythingType = everything.type;
out.everythingHasCreated = everything.entry.some((e) => e.resource.id === created.id);

try {
  await client.read({ resourceType: 'Patient', id: 'no-such-patient' });
  out.missing = 'found';
} catch (e) {
  out.missing = `${e.response.status} ${e.response.data.resourceType}`;
}

try {
  await client.create({ resourceType: 'QuestionnaireResponse', body: { resourceType: 'QuestionnaireResponse', status: 'completed' } });
  out.refused = 'created';
} catch (e) {
  out.refused = `${e.response.status} ${e.response.data.issue.map((i) => i.expression[0]).join(',')}`;
}

console.log(JSON.stringify(out));
