package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/carepath/carepath/internal/app/apptest"
)

// TestClientPaymentPages: the chart links to the client's payments; the front desk records a
// copay (a bad amount and no method are named next to their fields, with what was typed kept,
// nothing recorded), sees the account go down and no void form; an admin voids it only with a
// reason; the care team's clinician sees the payments but no form; another clinician gets 404.
func TestClientPaymentPages(t *testing.T) {
	t.Parallel()
	ts := apptest.Start(t)
	s := apptest.SeedChart(t, ts.Store)
	desk := apptest.SignIn(t, ts.URL, "desk@example.org")
	chart := "/staff/clients/" + s.Client.ID
	page := chart + "/payments"
	if _, _, body := desk("GET", chart, nil); !strings.Contains(body, `href="`+page+`"`) || !strings.Contains(body, `id="chart-payment-form"`) {
		t.Fatalf("the chart does not link to the client's payments or offer the front desk the payment form")
	}
	if _, _, body := apptest.SignIn(t, ts.URL, "ana@example.org")("GET", chart, nil); strings.Contains(body, `id="chart-payment-form"`) || !strings.Contains(body, `href="`+page+`"`) {
		t.Errorf("the clinician's chart offers the payment form, or no link to the payments")
	}
	code, _, body := desk("POST", page, url.Values{"date": {"2026-03-02"}, "amount": {"twenty"}, "method": {""}, "reference": {"slip 77"}})
	if code != 400 || !strings.Contains(body, "Please give the amount paid in dollars and cents") || !strings.Contains(body, "Please say how the client paid") ||
		!strings.Contains(body, `value="twenty"`) || !strings.Contains(body, `value="slip 77"`) || !strings.Contains(body, "No payments recorded yet.") {
		t.Fatalf("bad payment: %d; want both fields named and the input kept", code)
	}
	code, _, _ = desk("POST", page, url.Values{"date": {"2026-03-02"}, "amount": {"$25.00"}, "method": {"card"}, "reference": {"slip 77"}, "note": {"copay"}})
	if code != 303 {
		t.Fatalf("record: %d, want 303", code)
	}
	_, _, body = desk("GET", page+"?recorded=1", nil)
	for _, want := range []string{"Payment recorded.", "2026-03-02", "$25", "Card", "slip 77", "has paid $25, so", "has a credit of $25."} {
		if !strings.Contains(body, want) {
			t.Errorf("payments page lacks %q", want)
		}
	}
	if strings.Contains(body, "Reason to void") {
		t.Errorf("the front desk is offered a void form")
	}
	i := strings.Index(body, `id="payment-`)
	if i < 0 {
		t.Fatal("no payment row")
	}
	id := strings.SplitN(body[i+len(`id="payment-`):], `"`, 2)[0]
	admin := apptest.SignIn(t, ts.URL, "admin@example.org")
	code, _, body = admin("POST", page+"/"+id+"/void", url.Values{"reason": {"  "}})
	if code != 400 || !strings.Contains(body, "Please say why the payment is voided") {
		t.Errorf("void without a reason: %d", code)
	}
	if code, _, _ := admin("POST", page+"/"+id+"/void", url.Values{"reason": {"card declined"}}); code != 303 {
		t.Errorf("void: %d, want 303", code)
	}
	ana := apptest.SignIn(t, ts.URL, "ana@example.org")
	code, _, body = ana("GET", page, nil)
	if code != 200 || !strings.Contains(body, "Voided: card declined") || strings.Contains(body, `id="payment-form"`) {
		t.Errorf("care team's clinician: %d; want the voided payment and no form", code)
	}
	other := apptest.SignIn(t, ts.URL, "someone@example.org")
	if code, _, body := other("GET", page, nil); code != 404 || strings.Contains(body, "slip 77") {
		t.Errorf("another clinician: %d, want 404", code)
	}
}
