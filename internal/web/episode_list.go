package web

import (
	"net/http"
)

// episodeList sends a GET of the admit form's target (a reload, a bookmark) to the chart.
func (s *Server) episodeList(w http.ResponseWriter, r *http.Request, who signedIn) {
	http.Redirect(w, r, "/staff/clients/"+r.PathValue("id"), http.StatusSeeOther)
}
