package web

import (
	"net/http"
)

// startView is the view model of the decision aid's first page.
type startView struct {
	page
	Topics []topic
	Error  string
	Chosen map[string]bool
}

// aidStart shows the public decision aid's first page: what it is, what it is not, and the
// choice of what to get help with.
func (s *Server) aidStart(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "start", startView{page: page{Title: "Therapy or an intensive program? Find the right level of care"}, Topics: topics})
}
