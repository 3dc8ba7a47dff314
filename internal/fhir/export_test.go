package fhir

import (
	"database/sql"
	"testing"
	"time"

	"github.com/carepath/carepath/internal/store/storetest"
)

// RunMounted runs the handler's checks that must hold as internal/app mounts FHIR, against a
// whole carepath server at url whose database env opens: the clinic is seeded there and every
// request carries a real API token. The external test package starts the server
// (internal/app/apptest), which this package cannot import.
func RunMounted(t *testing.T, url string, env *storetest.Env) {
	f := newMountedFixture(t, url, env)
	for _, c := range []struct {
		name  string
		check func(*testing.T, *fixture)
	}{
		{"ReadEveryType", checkReadEveryType},
		{"ReadsAreAudited", checkReadsAreAudited},
		{"Metadata", checkMountedMetadata},
		{"FHIRKitClient", checkFHIRKit},
		{"ReferencesResolve", checkReferencesResolve},
		{"Disclosure", checkMountedDisclosure},
		{"ImportRaisesTheSafetyAlert", checkMountedImport},
	} {
		t.Run(c.name, func(t *testing.T) { c.check(t, f) })
	}
}

// SeedMeasureBench seeds the Observation benchmark's clinic (5,000 clients, a year of weekly
// PHQ-9 and GAD-7 each) into db and returns the client ids and each client's clinician id.
func SeedMeasureBench(b *testing.B, db *sql.DB) ([]string, map[string]string) {
	return seedMeasureBench(b, db)
}

// BenchWeeks is the number of weeks of measures each benchmark client has.
const BenchWeeks = benchWeeks

// ProcessCPU returns the user and system CPU time the process has used.
func ProcessCPU() time.Duration { return processCPU() }
