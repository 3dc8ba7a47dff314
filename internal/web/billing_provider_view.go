package web

import (
	"net/http"
	"strings"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// billingProviderView is the view model of the clinic's billing details page: the clinic as
// claims name it, as a form for an admin and as facts for everyone else.
type billingProviderView struct {
	page
	Fields  []formField
	CanEdit bool
	NotSet  bool
	Saved   bool
	Summary []errorLink
}

// billingProviderFields are the form's fields: element id suffix, form name, label.
var billingProviderFields = [][3]string{
	{"name", "name", "Clinic name, as payers know it"},
	{"npi", "npi", "NPI (10 digits)"},
	{"tax-id", "tax_id", "Tax id (EIN), e.g. 12-3456789"},
	{"line1", "address.line1", "Street address"},
	{"city", "address.city", "City"},
	{"state", "address.state", "State (two letters)"},
	{"zip", "address.zip", "ZIP+4, e.g. 62701-1234"},
	{"phone", "phone", "Billing office phone"},
	{"submitter-id", "submitter_id", "Submitter id your clearinghouse assigned"},
	{"taxonomy", "taxonomy", "Taxonomy code (optional)"},
	{"attending-npi", "attending_npi", "Attending physician's NPI (institutional claims; optional)"},
	{"attending-last", "attending_last_name", "Attending physician's family name"},
	{"attending-first", "attending_first_name", "Attending physician's given name"},
}

// billingProviderValues are p's values by form name.
func billingProviderValues(p carepath.BillingProvider) map[string]string {
	return map[string]string{"name": p.Name, "npi": p.NPI, "tax_id": p.TaxID, "address.line1": p.Address.Line1,
		"address.city": p.Address.City, "address.state": p.Address.State, "address.zip": p.Address.Zip, "phone": p.Phone,
		"submitter_id": p.SubmitterID, "taxonomy": p.Taxonomy, "attending_npi": p.AttendingNPI,
		"attending_last_name": p.AttendingLast, "attending_first_name": p.AttendingFirst}
}

// renderBillingProvider renders the page with p and errs (by form name; "address" goes to the
// street address).
func (s *Server) renderBillingProvider(w http.ResponseWriter, r *http.Request, who signedIn, status int, p carepath.BillingProvider, errs map[string]string, v billingProviderView) {
	v.page = page{Title: "Billing details"}
	v.CanEdit = access.Allowed(who.Role, access.Charge, access.Update)
	values := billingProviderValues(p)
	if m, ok := errs["address"]; ok {
		if _, dup := errs["address.line1"]; !dup {
			errs["address.line1"] = m
		}
	}
	for _, f := range billingProviderFields {
		id := "provider-" + f[0]
		v.Fields = append(v.Fields, formField{ID: id, Name: f[1], Label: f[2], Value: values[f[1]], Error: errs[f[1]]})
		if m, ok := errs[f[1]]; ok {
			v.Summary = append(v.Summary, errorLink{id, m})
		}
	}
	s.render(w, r, status, "billing_provider", v)
}

// billingProviderForm reads the posted form.
func billingProviderForm(r *http.Request) carepath.BillingProvider {
	g := func(name string) string { return strings.TrimSpace(r.PostForm.Get(name)) }
	return carepath.BillingProvider{Name: g("name"), NPI: g("npi"), TaxID: g("tax_id"), Address: carepath.PostalAddress{
		Line1: g("address.line1"), City: g("address.city"), State: g("address.state"), Zip: g("address.zip")}, Phone: g("phone"),
		SubmitterID: g("submitter_id"), Taxonomy: g("taxonomy"), AttendingNPI: g("attending_npi"), AttendingLast: g("attending_last_name"),
		AttendingFirst: g("attending_first_name")}
}
