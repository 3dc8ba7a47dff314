package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/carepath/carepath/internal/httpserver"
)

// The busy page: a call the database could not take in time (EUNAVAILABLE, 503) saved
// nothing, and the person should not have to type their form again. The page says so, carries
// Retry-After, and keeps the form that was posted: its fields go back into a form that posts
// to the same address, so "Try again" sends exactly what was typed. Secrets (passwords,
// one-time codes) are never written into a page; a sign-in is typed again.

// busyView is the busy page: the error page's words and the kept form, if any.
type busyView struct {
	page
	Message string
	Action  string      // where the kept form posts; "" when no form was posted
	Fields  []busyField // the kept form's fields, in a stable order
}

// busyField is one value of a kept form.
type busyField struct{ Name, Value string }

// secretFields are the form fields a busy page never writes back into a page.
var secretFields = []string{"password", "new_password", "current_password", "code"}

// busy answers the busy page for r, whose call the database could not take in time.
func (s *Server) busy(w http.ResponseWriter, r *http.Request, t errorText, p errorPage) {
	v := busyView{page: page{Title: t.Title, AnswerLink: p.answerLink}, Message: t.Message}
	if r.Method == http.MethodPost && r.PostForm != nil && strings.HasPrefix(r.URL.Path, "/") && !strings.HasPrefix(r.URL.Path, "//") {
		v.Action = r.URL.Path
		for _, name := range slices.Sorted(mapKeys(r.PostForm)) {
			if slices.Contains(secretFields, name) {
				continue
			}
			for _, value := range r.PostForm[name] {
				v.Fields = append(v.Fields, busyField{Name: name, Value: value})
			}
		}
		v.Message = "carepath is busy with other work, and what you sent has not been saved yet. " +
			"It is kept on this page: press Try again in a few seconds to send it once more."
	}
	w.Header().Set("Retry-After", httpserver.RetryAfterSeconds)
	s.render(w, r, http.StatusServiceUnavailable, "busy", v)
}

// mapKeys returns an iterator over the keys of m.
func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
