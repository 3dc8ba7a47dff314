package fhir

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// checkFHIRKit runs a real FHIR client, the npm package fhir-kit-client, against a whole
// carepath server (RunMounted; testdata/fhirkit.mjs) with a real API token: the
// CapabilityStatement, a read, a search paged with the client's own next-page call, a create,
// $everything and two refusals. It skips without node or node_modules (npm ci at the module
// root), and fails instead when CAREPATH_REQUIRE_SERVICES=1.
func checkFHIRKit(t *testing.T, f *fixture) {
	node, err := exec.LookPath("node")
	if err != nil {
		needService(t, "no node for the FHIR client test", err)
	}
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "node_modules", "fhir-kit-client")); err != nil {
		needService(t, "no fhir-kit-client in node_modules", err)
	}
	qr, _ := json.Marshal(phq9Response(f.client.ID, f.now.Add(-2*time.Hour)))
	cmd := exec.Command(node, filepath.Join("testdata", "fhirkit.mjs"))
	cmd.Env = append(os.Environ(), "FHIR_BASE="+f.base+Prefix, "FHIR_TOKEN="+f.token(f.asClin()), "FHIR_PATIENT="+f.client.ID, "FHIR_QR="+string(qr))
	raw, err := cmd.Output()
	if err != nil {
		var stderr []byte
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = ee.Stderr
		}
		t.Fatalf("fhir-kit-client: %v\n%s\n%s", err, raw, stderr)
	}
	var got struct {
		FhirVersion, PatientFamily, PatientVersion, CreatedID, CreatedItem9, EverythingType, Missing, Refused string
		Types                                                                                                 []string
		Total, Paged, Pages                                                                                   int
		PHQ9Totals                                                                                            []float64
		EverythingHasCreated                                                                                  bool
	}
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	if got.FhirVersion != "4.0.1" || !slices.Contains(got.Types, "Observation") || got.PatientFamily != "López" || got.PatientVersion != "1" {
		t.Errorf("metadata and read: %+v", got)
	}
	if got.Total != 10 || got.Paged != 10 || got.Pages != 4 {
		t.Errorf("paging: total %d, %d in %d pages", got.Total, got.Paged, got.Pages)
	}
	if !slices.Equal(got.PHQ9Totals, []float64{16, 9, 3}) {
		t.Errorf("PHQ-9 totals: %v", got.PHQ9Totals)
	}
	if got.CreatedID == "" || got.CreatedItem9 != "POS" || got.EverythingType != "searchset" || !got.EverythingHasCreated {
		t.Errorf("create and $everything: %+v", got)
	}
	if got.Missing != "404 OperationOutcome" || got.Refused != "422 QuestionnaireResponse.questionnaire,QuestionnaireResponse.subject,QuestionnaireResponse.authored" {
		t.Errorf("refusals: %q %q", got.Missing, got.Refused)
	}
}
