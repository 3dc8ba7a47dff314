package web

import (
	"net/http"
)

// loginView is the view model of the sign-in page.
type loginView struct {
	page
	Email   string // what was typed, kept on failure
	Summary []errorLink
	Notice  string // why the last session ended, shown once
}

// signInNew shows the sign-in page, or the staff home to someone already signed in.
func (s *Server) signInNew(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.currentStaff(r); ok {
		http.Redirect(w, r, "/staff", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "login", loginView{page: page{Title: "Staff sign-in"}, Notice: s.loginNotice(r)})
}
