package web

import (
	"net/http"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// payerListView is the view model of the payers page: the list with each payer's claim format,
// and (for an admin) the form to add one.
type payerListView struct {
	page
	Rows    []*carepath.Payer
	CanEdit bool
	Form    carepath.PayerInput
	Errors  map[string]string // by element id
	Summary []errorLink
}

// renderPayerList reads the payers and renders the page with status.
func (s *Server) renderPayerList(w http.ResponseWriter, r *http.Request, who signedIn, status int, f carepath.PayerInput, errs map[string]string) {
	list, err := s.Payers.FindPayers(r.Context())
	if err != nil {
		s.fail(w, r, "find payers", err, chartErrors)
		return
	}
	v := payerListView{page: page{Title: "Payers"}, Rows: list, CanEdit: access.Allowed(who.Role, access.Payer, access.Create),
		Form: f, Errors: errs, Summary: summaryOf(errs, "payer-name", "payer-id", "payer-format")}
	s.render(w, r, status, "payer", v)
}

// payerFieldID is the element id of the payer form's field for a service field path.
func payerFieldID(field string) string {
	switch field {
	case "payer_id":
		return "payer-id"
	case "claim_format":
		return "payer-format"
	}
	return "payer-name"
}
