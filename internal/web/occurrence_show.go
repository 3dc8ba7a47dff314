package web

import "net/http"

// occurrenceShow is one session's page: what, when, who and where, with one tap to attendance,
// and the forms that cancel or move this one occurrence (a snow day, a clash) while the rest
// of the series stays.
func (s *Server) occurrenceShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	v, ok := s.occurrencePage(w, r, who)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "occurrence", v)
}
