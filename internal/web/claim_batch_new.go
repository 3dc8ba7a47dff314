package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/carepath/carepath"
	"github.com/carepath/carepath/access"
)

// claimBatchNew shows the form for a new claim batch: last month unless the query says
// otherwise, and what the query carries (payer_id, from, to, format, client_ids), so that the
// form's "Show the payer's clients" button, which sends the form here by GET, reloads it with
// what was typed kept and the chosen payer's clients to tick.
func (s *Server) claimBatchNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Charge, access.Create) {
		s.deny(w, r, claimErrors)
		return
	}
	q := r.URL.Query()
	now := time.Now().In(s.viewerZone(r))
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	f := carepath.ClaimBatchInput{PayerID: q.Get("payer_id"), From: first.AddDate(0, -1, 0).Format(carepath.DateLayout),
		To: first.AddDate(0, 0, -1).Format(carepath.DateLayout), Format: carepath.ClaimFormat(q.Get("format"))}
	if q.Has("from") {
		f.From = q.Get("from")
	}
	if q.Has("to") {
		f.To = q.Get("to")
	}
	for _, id := range q["client_ids"] {
		if id != "" {
			f.ClientIDs = append(f.ClientIDs, id)
		}
	}
	s.renderClaimBatchForm(w, r, who, http.StatusOK, f, map[string]string{})
}

// renderClaimBatchForm renders the new batch form with what was typed and errs (by element id):
// the payers, the clients the batch may be limited to (those covered by the chosen payer in
// the period, and any ticked), and whether the clinic's billing details are set.
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
	names, err := s.batchClients(r, &v, payers)
	if err != nil {
		s.fail(w, r, "find the payer's clients", err, claimErrors)
		return
	}
	order := []string{"batch-payer", "batch-from", "batch-to", "batch-format", "batch-clients"}
	for _, n := range names {
		id := "client-" + n.ID
		v.Clients = append(v.Clients, batchClientChoice{ID: n.ID, Name: n.Display(), Error: errs[id],
			Chosen: slices.Contains(f.ClientIDs, n.ID)})
		order = append(order, id)
	}
	v.Summary = summaryOf(errs, append(order, "billing-provider")...)
	s.render(w, r, status, "claim_batch_new", v)
}

// batchClients returns the clients the form offers to tick, by name: those with a coverage by
// the chosen payer in force or ended within the period (all of them, up to
// carepath.MaxPayerClients; v says when there are more), and the ticked ones besides, so that
// a ticked client's error shows at their box. With no payer chosen it offers only the ticked.
func (s *Server) batchClients(r *http.Request, v *claimBatchFormView, payers []*carepath.Payer) ([]carepath.ClientName, error) {
	var names []carepath.ClientName
	for _, p := range payers {
		if f := v.Form.PayerID; f != "" && (p.ID == f || p.PayerID == f) {
			v.Payer = p
		}
	}
	if v.Payer != nil {
		since := ""
		if _, err := time.Parse(carepath.DateLayout, v.Form.From); err == nil {
			since = v.Form.From
		}
		covered, total, err := s.Coverages.FindPayerClients(r.Context(), v.Payer.ID, since)
		if err != nil {
			return nil, err
		}
		names, v.CoveredTotal = covered, total
	}
	var extra []string
	for _, id := range v.Form.ClientIDs {
		if !slices.ContainsFunc(names, func(n carepath.ClientName) bool { return n.ID == id }) {
			extra = append(extra, id)
		}
	}
	if len(extra) > 0 {
		found, err := s.Clients.FindClientNames(r.Context(), extra)
		if err != nil {
			return nil, err
		}
		for _, id := range extra {
			if n, ok := found[id]; ok {
				names = append(names, n)
			}
		}
		slices.SortStableFunc(names, func(a, b carepath.ClientName) int {
			return strings.Compare(strings.ToLower(a.FamilyName+"\x00"+a.GivenName), strings.ToLower(b.FamilyName+"\x00"+b.GivenName))
		})
	}
	return names, nil
}
