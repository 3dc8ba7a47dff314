package web

import (
	"net/http"
	"net/url"
)

// answerNew shows the questionnaires of a link.
func (s *Server) answerNew(w http.ResponseWriter, r *http.Request) {
	r = publicCtx(r)
	link, err := s.Measures.OpenMeasureLink(r.Context(), r.PathValue("token"))
	if err != nil {
		s.linkError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "answer", answerPage(r.PathValue("token"), link.Instruments, url.Values{}, map[string]string{}))
}
