package web

import "net/http"

// estimateList shows the good-faith estimates given to the client, each as the PDF they were
// given, and the button that gives a new one.
func (s *Server) estimateList(w http.ResponseWriter, r *http.Request, who signedIn) {
	s.renderEstimateList(w, r, http.StatusOK, "")
}
