package web

import "net/http"

// signInExtend answers the idle warning's "Stay signed in": the request itself restarts the
// idle time (requireStaff loaded and saves the session), so it only says so. A browser that
// is no longer signed in gets 401 (keepForLater).
func (s *Server) signInExtend(w http.ResponseWriter, r *http.Request, who signedIn) {
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusNoContent)
}
