package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/billing"
)

// skipOrFail skips a test that needs something not installed, or fails it when
// CAREPATH_REQUIRE_SERVICES=1 (as CI sets it).
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CAREPATH_REQUIRE_SERVICES") == "1" {
		t.Fatal(msg + " (CAREPATH_REQUIRE_SERVICES=1)")
	}
	t.Skip(msg)
}

// extract writes a PDF to disk and returns its text as Debian's pdftotext (poppler) reads it,
// with every run of spaces and line breaks made one space, so that wrapped phrases still match.
func extract(t *testing.T, pdf []byte) string {
	t.Helper()
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		skipOrFail(t, "pdftotext (poppler-utils) is not installed: the PDF's text is not checked")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(tool, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext could not read the PDF: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func provider() billing.Provider {
	return billing.Provider{Name: "Harbor Behavioral Health", NPI: "1003000126", TaxID: "12-3456789", Phone: "(555) 010-0199",
		Address: billing.Address{Line1: "100 Main St", City: "Springfield", State: "IL", Zip: "62701"}}
}

func estimate(t *testing.T) billing.GoodFaithEstimate {
	t.Helper()
	table := billing.RateTable{ProgramID: "p1", Format: billing.Format837P, PerDiem: true, Prices: map[billing.Service]carepath.Cents{
		billing.ServiceAssessment: 25000, billing.ServicePsychotherapy45: 15000, billing.ServiceIOPDayMentalHealth: 30000}}
	g, err := billing.BuildGoodFaithEstimate(billing.EstimateInput{Number: "GFE-2026-0007", IssuedOn: "2026-03-01", ScheduledFor: "2026-03-09",
		Client: billing.Person{Name: "Ana Lopez", BirthDate: "1990-05-04"}, Provider: provider(),
		Diagnoses:   []billing.DiagnosisLine{{Code: "F33.1", Description: "Major depressive disorder, recurrent, moderate"}},
		Recommended: carepath.LevelIOP, Alternatives: []carepath.Level{carepath.LevelOutpatient, carepath.LevelPHP}, Table: table})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGoodFaithEstimatePDF(t *testing.T) {
	var buf bytes.Buffer
	if err := GoodFaithEstimate(&buf, estimate(t)); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	text := extract(t, buf.Bytes())
	for _, want := range []string{
		"Good-Faith Estimate", "GFE-2026-0007", "Ana Lopez", "May 4, 1990", "Harbor Behavioral Health", "1003000126", "12-3456789",
		"F33.1", "Major depressive disorder, recurrent, moderate",
		"Recommended: Intensive Outpatient Program (IOP)", "IOP program day, mental health", "S9480", "$300.00", "$5,650.00",
		"Alternative: Individual therapy (outpatient)", "Individual therapy, 38–52 min", "90834", "$2,650.00",
		"Alternative: Partial Hospitalization Program (PHP)", "Typical price per day (not offered here)", "Typical total elsewhere", "does not offer this level",
		"Not included in this estimate", "Laboratory tests",
		"not a contract", "$400", "120 calendar days", "www.cms.gov/nosurprises", "1-800-985-3059", "page 1 of",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the estimate PDF does not say %q", want)
		}
	}
	if os.Getenv("CAREPATH_PDF_OUT") != "" {
		_ = os.WriteFile(filepath.Join(os.Getenv("CAREPATH_PDF_OUT"), "estimate.pdf"), buf.Bytes(), 0o644)
	}
}

func TestSuperbillPDF(t *testing.T) {
	table := billing.RateTable{ProgramID: "p1", Format: billing.Format837P, Prices: map[billing.Service]carepath.Cents{
		billing.ServiceAssessment: 25000, billing.ServicePsychotherapy60: 20000, billing.ServiceGroup: 6000}}
	var evs []billing.Event
	evs = append(evs, billing.Event{ID: "a", ClientID: "c1", Kind: billing.EventAssessment, Date: "2026-03-02", Minutes: 60, NoteSigned: true, RenderingNPI: "1234567893"})
	for i := range 40 { // enough lines to run onto a second page
		evs = append(evs, billing.Event{ID: fmt.Sprintf("g%02d", i), ClientID: "c1", Kind: billing.EventGroup, Date: fmt.Sprintf("2026-03-%02d", 3+i%25),
			Minutes: 60, NoteSigned: true, Telehealth: i%5 == 0, ClientAtHome: true})
	}
	evs = append(evs, billing.Event{ID: "z", ClientID: "c1", Kind: billing.EventIndividual, Date: "2026-03-30", Minutes: 55, NoteSigned: true})
	run := billing.Charges(evs, table)
	s := billing.BuildSuperbill("SB-2026-0031", "2026-03-31", provider(), billing.Person{Name: "Ana Lopez", BirthDate: "1990-05-04"},
		"Aetna", "W100200300", []billing.DiagnosisLine{{Code: "F33.1", Description: "Major depressive disorder, recurrent, moderate"},
			{Code: "F41.1", Description: "Generalized anxiety disorder"}}, run.Charges,
		[]billing.ClientPayment{{ClientID: "c1", Date: "2026-03-09", Cents: 3000, Method: "card"}, {ClientID: "c1", Date: "2026-03-02", Cents: 2000, Method: "cash"}})
	var buf bytes.Buffer
	if err := Superbill(&buf, s); err != nil {
		t.Fatal(err)
	}
	text := extract(t, buf.Bytes())
	for _, want := range []string{
		"Superbill", "SB-2026-0031", "Ana Lopez", "Aetna", "W100200300", "A. F33.1 Major depressive disorder, recurrent, moderate", "B. F41.1", "Generalized anxiety disorder",
		"90791", "Diagnostic assessment", "90853", "Group therapy", "95", "90837", "Individual therapy, 53+ min",
		"Total charges", "$2,850.00", "Payments received from the client", "March 2, 2026", "Cash", "$20.00", "March 9, 2026", "Card", "$30.00", "Total paid", "$50.00",
		"Balance due", "$2,800.00", "out-of-network benefits", "Provider signature", "page 2 of 2",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the superbill PDF does not say %q", want)
		}
	}
	if os.Getenv("CAREPATH_PDF_OUT") != "" {
		_ = os.WriteFile(filepath.Join(os.Getenv("CAREPATH_PDF_OUT"), "superbill.pdf"), buf.Bytes(), 0o644)
	}
}
