package web

import "net/http"

// diagnosisList shows the client's diagnoses and the form to add one; ?q= searches the code
// set for it (the search words are codes or descriptions, never client data).
func (s *Server) diagnosisList(w http.ResponseWriter, r *http.Request, who signedIn) {
	s.renderDiagnosisList(w, r, http.StatusOK, diagnosisForm{Query: r.URL.Query().Get("q"), Code: r.URL.Query().Get("code")}, nil)
}
