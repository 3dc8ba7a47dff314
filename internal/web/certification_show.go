package web

import (
	"net/http"

	"github.com/carepath/carepath"
)

// certificationShow is where a certification alert's email links (it names no client, only
// the episode's opaque id): it opens the physician certification section of the episode's
// page.
func (s *Server) certificationShow(w http.ResponseWriter, r *http.Request, who signedIn) {
	episodes, ok := s.Episodes.(carepath.EpisodeLookupService)
	if !ok {
		s.fail(w, r, "read episode", carepath.Errorf(carepath.ENOTFOUND, "There is no such episode."), certificationLinkErrors)
		return
	}
	e, err := episodes.FindEpisodeByID(r.Context(), r.PathValue("episode"))
	if err != nil {
		s.fail(w, r, "read episode", err, certificationLinkErrors)
		return
	}
	http.Redirect(w, r, "/staff/clients/"+e.ClientID+"/episodes/"+e.ID+"/authorizations#h-certification", http.StatusSeeOther)
}
