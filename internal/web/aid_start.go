package web

import (
	"net/http"
)

// aidStart shows the public decision aid's first page: what it is, what it is not, how long it
// takes, and the button that starts it.
func (s *Server) aidStart(w http.ResponseWriter, r *http.Request) {
	v := startView{page: page{Title: "Therapy or an intensive program? Find the right level of care"}}
	v.Steps, v.Questions = shortestPath()
	s.render(w, r, http.StatusOK, "start", v)
}
