package web

import (
	"net/http"

	"github.com/carepath/carepath/access"
)

// remittanceNew shows the form to post an 835: a file to choose or its text to paste.
func (s *Server) remittanceNew(w http.ResponseWriter, r *http.Request, who signedIn) {
	if !access.Allowed(who.Role, access.Charge, access.Update) {
		s.deny(w, r, remittanceErrors)
		return
	}
	s.render(w, r, http.StatusOK, "remittance", remittanceView{page: page{Title: "Post a remittance (835)"}})
}

// remittanceErrors are the 835 page's words for what goes wrong.
var remittanceErrors = errorPage{notFound: errorText{"Not found", "There is nothing at this address."},
	forbidden: "Only an admin posts remittances: ask one to post the payer's 835.",
	internal:  "The remittance could not be posted just now. Nothing was posted. Please try again in a minute."}
