package web_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/internal/app/apptest"
	"github.com/carepath/carepath/internal/store"
)

// TestClaimBatchFormListsThePayersClients: with a payer chosen (the form's "Show the payer's
// clients" sends it by GET), the new batch form lists every one of the payer's 250 clients by
// name, past the old cap of 200, and no client of another payer; what was typed is kept (the
// period, the format, a ticked client past the 200th); a payer with no covered client is said
// plainly, and with no payer chosen the form says how to list them.
func TestClaimBatchFormListsThePayersClients(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	apptest.AddStaff(t, ts.Store, "desk@example.org", carepath.RoleFrontDesk)
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	sys := apptest.System()
	payers := store.NewPayerService(ts.Store)
	acme, err := payers.CreatePayer(sys, carepath.PayerInput{Name: "Acme Health", PayerID: "60054"})
	if err != nil {
		t.Fatal(err)
	}
	other, err := payers.CreatePayer(sys, carepath.PayerInput{Name: "Other Health", PayerID: "77777"})
	if err != nil {
		t.Fatal(err)
	}
	empty, err := payers.CreatePayer(sys, carepath.PayerInput{Name: "Empty Health", PayerID: "88888"})
	if err != nil {
		t.Fatal(err)
	}
	clients, coverages := store.NewClientService(ts.Store), store.NewCoverageService(ts.Store)
	add := func(given, family, payerID string) string {
		t.Helper()
		c := &carepath.Client{GivenName: given, FamilyName: family, BirthDate: "1990-04-02"}
		if err := clients.CreateClient(sys, c); err != nil {
			t.Fatal(err)
		}
		if _, err := coverages.AddCoverage(sys, c.ID, carepath.CoverageInput{PayerID: payerID, MemberID: "M-" + family,
			PlanYearStart: "2026-01-01"}); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	// Created in reverse so that the list's order is the names', not the records'.
	covered := make([]string, 250)
	for i := len(covered) - 1; i >= 0; i-- {
		covered[i] = add("Pat", fmt.Sprintf("Covered%03d", i), acme.ID)
	}
	elsewhere := add("Kim", "Aaron", other.ID) // first by name, but another payer's

	q := url.Values{"payer_id": {acme.ID}, "from": {"2026-10-01"}, "to": {"2026-10-31"}, "format": {"837I"}, "client_ids": {covered[230]}}
	code, _, body := desk("GET", "/staff/claim-batches/new?"+q.Encode(), nil)
	if code != 200 {
		t.Fatalf("the form for Acme = %d", code)
	}
	last := -1
	for i, id := range covered {
		at := strings.Index(body, `id="client-`+id+`"`)
		if at < 0 {
			t.Fatalf("client %d of 250 is not offered", i+1)
		}
		if at < last {
			t.Fatalf("client %d of 250 comes before the one named before it", i+1)
		}
		last = at
	}
	if strings.Contains(body, elsewhere) {
		t.Error("another payer's client is offered")
	}
	for _, want := range []string{`value="` + acme.ID + `" selected`, `value="2026-10-01"`, `value="2026-10-31"`, `value="837I" selected`,
		`value="` + covered[230] + `" checked`, "250 clients have a coverage by Acme Health", "The clients to choose from (250)"} {
		if !strings.Contains(body, want) {
			t.Errorf("the form for Acme lacks %s", want)
		}
	}

	if _, _, body := desk("GET", "/staff/claim-batches/new?payer_id="+empty.ID, nil); !strings.Contains(body, "No client has a coverage by Empty Health") ||
		strings.Contains(body, `name="client_ids"`) {
		t.Errorf("a payer with no covered clients is not said plainly")
	}
	if _, _, body := desk("GET", "/staff/claim-batches/new", nil); !strings.Contains(body, "choose the payer and press") ||
		strings.Contains(body, `name="client_ids"`) {
		t.Errorf("with no payer chosen the form does not say how to list the clients")
	}
}
