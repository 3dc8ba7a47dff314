package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// assignedRow is one authorization on a payer reviewer's home page.
type assignedRow struct {
	ID, Client, Payer, Number, Level, Start, End, Unit, NextReview string
	UnitsUsed, UnitsLeft                                           int
}

// assignedSection is a payer reviewer's home page list: the authorizations assigned to them
// and how many await a consent naming their organization.
type assignedSection struct {
	Reviewer bool
	Rows     []assignedRow
	Withheld int
	Problem  string
}

// assigned reads the authorizations assigned to the signed-in payer reviewer; other roles get
// an empty section.
func (s *Server) assigned(r *http.Request, who signedIn) assignedSection {
	sec := assignedSection{Reviewer: who.Role == carepath.RoleReviewer}
	if !sec.Reviewer || s.Authorizations == nil {
		return sec
	}
	list, err := s.Authorizations.FindAssignedAuthorizations(r.Context())
	if err != nil {
		s.Log.Error("home assigned authorizations", "err", err)
		sec.Problem = "The authorizations assigned to you could not be read just now. Please reload the page in a minute."
		return sec
	}
	sec.Withheld = list.Withheld
	for _, a := range list.Authorizations {
		name := a.ClientName.GivenName
		if a.ClientName.PreferredName != "" {
			name = a.ClientName.PreferredName
		}
		sec.Rows = append(sec.Rows, assignedRow{ID: a.ID, Client: name + " " + a.ClientName.FamilyName, Payer: a.PayerName,
			Number: a.Number, Level: a.Level.Name(), Start: a.Start, End: a.End, Unit: a.Unit, NextReview: a.NextReview,
			UnitsUsed: a.UnitsUsed, UnitsLeft: a.UnitsLeft})
	}
	return sec
}
