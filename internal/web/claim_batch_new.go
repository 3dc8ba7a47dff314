package web

import (
	"net/http"
	"slices"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// claimBatchNew shows the form for a new claim batch: last month, the payer of ?payer_id when
// given, in the payer's own claim format.
func (s *Server) claimBatchNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Charge, access.Create) {
		s.deny(w, r, claimErrors)
		return
	}
	now := time.Now().In(s.viewerZone(r))
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	f := carepath.ClaimBatchInput{PayerID: r.URL.Query().Get("payer_id"), From: first.AddDate(0, -1, 0).Format(carepath.DateLayout),
		To: first.AddDate(0, 0, -1).Format(carepath.DateLayout)}
	s.renderClaimBatchForm(w, r, who, http.StatusOK, f, map[string]string{})
}

// renderClaimBatchForm renders the new batch form with what was typed and errs (by element id):
// the payers, the clients the batch may be limited to, and whether the clinic's billing
// details are set.
func (s *Server) renderClaimBatchForm(w http.ResponseWriter, r *http.Request, who signedIn, status int, f carepath.ClaimBatchInput, errs map[string]string) {
	payers, err := s.Payers.FindPayers(r.Context())
	if err != nil {
		s.fail(w, r, "find payers", err, claimErrors)
		return
	}
	v := claimBatchFormView{page: page{Title: "New claim batch"}, Payers: payers, Form: f, Errors: errs,
		CanSetProvider: access.Allowed(who.Role, access.Charge, access.Update), ChooseClients: len(f.ClientIDs) > 0}
	if _, err := s.Claims.FindBillingProvider(r.Context()); isInvalid(err) {
		v.NoProvider = true
	} else if err != nil {
		s.fail(w, r, "find billing provider", err, claimErrors)
		return
	}
	clients, _, err := s.Clients.FindClients(r.Context(), carepath.ClientFilter{Limit: maxBatchClients})
	if err != nil {
		s.fail(w, r, "find clients", err, claimErrors)
		return
	}
	order := []string{"batch-payer", "batch-from", "batch-to", "batch-format", "batch-clients"}
	for _, c := range clients {
		id := "client-" + c.ID
		v.Clients = append(v.Clients, batchClientChoice{ID: c.ID, Name: c.FamilyName + ", " + c.GivenName, Error: errs[id],
			Chosen: slices.Contains(f.ClientIDs, c.ID)})
		order = append(order, id)
	}
	v.Summary = summaryOf(errs, append(order, "billing-provider")...)
	s.render(w, r, status, "claim_batch_new", v)
}

// maxBatchClients is how many clients the new batch form offers to choose from.
const maxBatchClients = 200
